"""The terminal summary: score, gate, counts, then the gaps, most severe first.

Readable without colour; `click.echo` drops the colour when output is not a terminal.
"""

from __future__ import annotations

import click

from compliance.evaluation.document import ResultDocument
from compliance.evaluation.results import RequirementResult, Status
from compliance.model.base import SEVERITY_RANK
from compliance.render.basis import basis_text, legend
from compliance.terminal import printable as printable  # also used from here by other renderers

GAP_STATUSES = (Status.NOT_MET, Status.INCOMPLETE, Status.ERROR, Status.PARTIALLY_MET)
"""Gap statuses in the order reports list them."""
_COLOURS = {Status.MET: "green", Status.PARTIALLY_MET: "yellow", Status.NOT_MET: "red",
            Status.INCOMPLETE: "red", Status.ERROR: "magenta",
            Status.NOT_APPLICABLE: "bright_black", Status.WAIVED: "cyan"}
MAX_FINDINGS_SHOWN = 5
def label(status: Status) -> str:
    """`NOT MET`, `PARTIALLY MET`..."""
    return status.value.replace("_", " ").upper()


def gap_order(result: RequirementResult) -> tuple[bool, int, int, str]:
    """Sort key: binding first, then severity, status (not met first), then id."""
    return (not result.binding, SEVERITY_RANK.get(result.severity, 9),
            GAP_STATUSES.index(result.status) if result.status in GAP_STATUSES else 9,
            result.id)


def score_lines(doc: ResultDocument) -> list[str]:
    """The compliance score the gate reads and the advisory score beside it."""
    summary = doc.summary
    score = "n/a" if summary.score is None else f"{summary.score:g}"
    lines = [f"Compliance score {score} / 100 (binding requirements; the gate reads this one)"]
    if summary.advisory_score is not None:
        lines.append(f"Advisory score {summary.advisory_score:g} / 100 (advisory requirements; "
                     "never decides the gate)")
    return lines


def _header(doc: ResultDocument) -> list[str]:
    sub, rs, summary = doc.submission, doc.requirement_set, doc.summary
    who = " ".join(p for p in (sub.mco_name, f"({sub.mco_id})" if sub.mco_id else None) if p)
    period = f"{sub.period_start or '?'} to {sub.period_end or '?'}"
    verdict = click.style("PASS", fg="green", bold=True) if summary.passed else click.style(
        "FAIL", fg="red", bold=True)
    lines = [click.style(f"{rs.title} ({rs.id} {rs.version})", bold=True),
             printable(f"Submission: {sub.file}" + (f" | {who}" if who else "")
                       + (f" | {sub.state}" if sub.state else "") + f" | period {period}")]
    if summary.set_mismatch:
        lines.append(click.style(printable(f"WARNING: {summary.set_mismatch}"), fg="red",
                                 bold=True))
    lines.append(f"{verdict}  {summary.gate.rule}")
    lines += [f"  - {reason}" for reason in summary.gate.reasons]
    lines += score_lines(doc)
    counts = " | ".join(f"{n} {s.replace('_', ' ')}" for s, n in summary.counts.items() if n)
    lines.append(f"Requirements: {counts}")
    return lines


def _domains(doc: ResultDocument) -> list[str]:
    lines = ["", click.style("Domains", bold=True)]
    width = max((len(d.title) for d in doc.domains), default=10)
    for domain in doc.domains:
        if domain.score is None:
            advisory = "" if domain.advisory_score is None else \
                f"  advisory requirements only: {domain.advisory_score:.1f}"
            lines.append(f"  {domain.title:<{width}}    n/a{advisory}")
            continue
        filled = round(domain.score / 10)
        lines.append(f"  {domain.title:<{width}}  {domain.score:5.1f}  "
                     f"{'#' * filled}{'.' * (10 - filled)}")
    return lines


def _gap(result: RequirementResult) -> list[str]:
    status = click.style(f"{label(result.status):<13}", fg=_COLOURS[result.status], bold=True)
    lines = [f"{status} {result.severity:<8} {result.id}  {result.title}",
             f"{'':23}{result.citation}", f"{'':23}Basis: {basis_text(result)}"]
    if result.source_line:
        lines.append(f"{'':23}Source: {printable(result.source_line)}")
    if result.reason:
        lines.append(f"{'':23}{printable(result.reason)}")
    lines += [f"{'':23}Note: {printable(note)}" for note in result.notes]
    for finding in result.findings[:MAX_FINDINGS_SHOWN]:
        where = f"  [{finding.location}]" if finding.location else ""
        lines.append(printable(f"{'':23}- {finding.message}{where}"))
    hidden = result.findings_total - min(len(result.findings), MAX_FINDINGS_SHOWN)
    if hidden > 0:
        lines.append(f"{'':23}  ... and {hidden} more")
    lines.append(f"{'':23}Fix: {printable(result.what_to_do)}")
    return lines


def render_text(doc: ResultDocument) -> str:
    """The summary printed by `compliance check`."""
    lines = _header(doc) + _domains(doc)
    gaps = sorted((r for r in doc.requirements if r.status in GAP_STATUSES), key=gap_order)
    lines += ["", click.style(f"Gaps ({len(gaps)})", bold=True)] if gaps else [
        "", "No gaps: every applicable requirement is met."]
    for result in gaps:
        lines += _gap(result) + [""]
    if gaps:
        lines.append(click.style("Basis of each citation", bold=True))
        lines += [f"  {line}" for line in legend(doc.requirements)] + [""]
    waived = [r for r in doc.requirements if r.status is Status.WAIVED]
    if waived:
        lines.append(click.style(f"Waived ({len(waived)})", bold=True))
        for result in waived:
            by = f" by {result.waiver.approved_by}" if result.waiver else ""
            lines.append(printable(f"  {result.id}  {result.title}: waived{by}"
                         + (f"; {result.waiver.justification}" if result.waiver else "")))
        lines.append("")
    notes = doc.submission.notes
    if notes:
        lines.append(click.style("Workbook notes", bold=True))
        lines += [printable(f"  - {n.message}" + (f"  [{n.location}]" if n.location else ""))
                  for n in notes]
    checked = [s.name for s in doc.submission.sheets if s.checked_as]
    lines.append(printable(f"Sheets checked: {', '.join(checked) if checked else 'none'}"))
    return "\n".join(lines).rstrip() + "\n"
