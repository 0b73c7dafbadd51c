"""Renders a `DocumentDiff` as terminal text, Markdown or JSON (HTML is in `diff.page`)."""

from __future__ import annotations

from compliance.diff.compare import DocumentDiff, Kind, RequirementChange, Side
from compliance.evaluation.results import Status
from compliance.render.markdown import md
from compliance.terminal import printable

SECTIONS: tuple[tuple[Kind, str], ...] = (
    ("new", "New gaps"), ("resolved", "Resolved"), ("still_open", "Still open"),
    ("changed", "Changed"), ("added", "Added to the set"), ("removed", "Removed from the set"))


def points(value: float | None) -> str:
    """A 0-100 score for people; `n/a` when there is none."""
    return "n/a" if value is None else f"{value:g}"


def signed(value: float | None) -> str:
    """`+8.2`, `-3`, or empty when there is no change to show."""
    return "" if value is None else f"{value:+g}"


def status(value: Status | None) -> str:
    """`not met`, or `absent` for a requirement the result does not have."""
    return "absent" if value is None else value.value.replace("_", " ")


def movement(change: RequirementChange) -> str:
    """`not met -> partially met (0 -> 62.5, +62.5)`."""
    before = None if change.score_before is None else round(100 * change.score_before, 2)
    after = None if change.score_after is None else round(100 * change.score_after, 2)
    delta = f", {signed(change.delta)}" if change.delta else ""
    return (f"{status(change.before)} -> {status(change.after)} "
            f"({points(before)} -> {points(after)}{delta})")


def side_line(label: str, side: Side) -> str:
    """One result's identity, score and verdict on one line."""
    who = " ".join(p for p in (side.mco_name, f"({side.mco_id})" if side.mco_id else None) if p)
    period = f"{side.period_start or '?'} to {side.period_end or '?'}"
    verdict = "PASS" if side.passed else "FAIL"
    return (f"{label}: {side.file} | {who or 'MCO unknown'} | {period} | "
            f"score {points(side.score)} {verdict}")


def verdict(diff: DocumentDiff) -> str:
    """The closing line, which the exit code follows."""
    if diff.regression:
        return "Regression: a new gap or a lower score."
    return "No regression."


def render_diff_text(diff: DocumentDiff) -> str:
    """The comparison as plain text for a terminal or a log."""
    lines = [f"Quarter over quarter: {diff.set_title} ({diff.set_id})",
             side_line("OLD", diff.old), side_line("NEW", diff.new),
             f"Score: {points(diff.old.score)} -> {points(diff.new.score)}"
             + (f" ({signed(diff.score_delta)})" if diff.score_delta is not None else "")]
    lines += [f"warning: {w}" for w in diff.warnings]
    lines += ["", "Domains"] + [f"  {d.title}: {points(d.before)} -> {points(d.after)}"
                                + (f" ({signed(d.delta)})" if d.delta else "")
                                for d in diff.domains]
    for kind, title in SECTIONS:
        changes = diff.of_kind(kind)
        if not changes:
            continue
        lines += ["", f"{title} ({len(changes)})"]
        for change in changes:
            lines.append(f"  {change.id:<10} {change.severity:<8} {change.title}")
            lines.append(f"  {'':<10} {movement(change)}")
            lines += [f"  {'':<10} {m.check}: {m.before or '-'} -> {m.after or '-'}"
                      for m in change.moves]
            lines += [f"  {'':<10} note: {note}" for note in change.notes]
    lines += ["", f"Unchanged: {len(diff.of_kind('unchanged'))} requirements", verdict(diff)]
    return printable("\n".join(lines) + "\n")


# The gap report's escaping: one line, no markup, HTML or automatic link from a submission.
_text = _cell = md


def render_diff_markdown(diff: DocumentDiff) -> str:
    """The comparison as Markdown, for pull requests and wikis."""
    lines = [f"# Quarter over quarter: {_cell(diff.set_title)}", "",
             f"- {_text(side_line('OLD', diff.old))}", f"- {_text(side_line('NEW', diff.new))}",
             f"- Score: {points(diff.old.score)} -> {points(diff.new.score)}"
             + (f" ({signed(diff.score_delta)})" if diff.score_delta is not None else "")]
    lines += [f"- **Warning:** {_text(w)}" for w in diff.warnings]
    lines += ["", "## Domains", "", "| Domain | Before | After | Change |", "|---|---|---|---|"]
    lines += [f"| {_cell(d.title)} | {points(d.before)} | {points(d.after)} | "
              f"{signed(d.delta) if d.delta else ''} |" for d in diff.domains]
    for kind, title in SECTIONS:
        changes = diff.of_kind(kind)
        if not changes:
            continue
        lines += ["", f"## {title} ({len(changes)})", "",
                  "| Requirement | Severity | Movement | Values that moved |", "|---|---|---|---|"]
        for c in changes:
            moved = "; ".join(f"{_cell(m.check)}: {_cell(m.before or '-')} -> "
                              f"{_cell(m.after or '-')}" for m in c.moves)
            notes = "".join(f"<br>{_cell(n)}" for n in c.notes)
            lines.append(f"| {c.id} {_cell(c.title)} | {c.severity} | {movement(c)}{notes} | "
                         f"{moved} |")
    lines += ["", f"{len(diff.of_kind('unchanged'))} requirements unchanged. {verdict(diff)}"]
    return "\n".join(lines) + "\n"


def render_diff_json(diff: DocumentDiff) -> str:
    """The comparison as JSON."""
    return diff.model_dump_json(indent=2) + "\n"
