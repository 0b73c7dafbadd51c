"""`summary.md`: a batch in Markdown, short enough for a CI job summary.

A tally of requirement statuses, then one table row per checked submission
(compliance and advisory scores, gate, the ids of its gaps marked when partially met,
incomplete or advisory, its file with its place among resubmissions, its report),
every file that could not be checked with the reason, and the gaps most MCOs share.
Text from submissions is escaped as in the Markdown report, so a name cannot add links,
images or table cells.
"""

from __future__ import annotations

from collections import Counter

from compliance.batch.filings import describe
from compliance.batch.portfolio import common_gaps
from compliance.batch.summary import BatchSummary, Entry, RequirementRow
from compliance.evaluation.results import Status
from compliance.render.markdown import md

MAX_GAP_IDS = 8


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    rule = ["--:" if name == "Score" else "---" for name in header]
    return ["| " + " | ".join(header) + " |", "| " + " | ".join(rule) + " |",
            *("| " + " | ".join(row) + " |" for row in rows), ""]


def _gap(row: RequirementRow) -> str:
    """`DEM-01`, or `DEM-02 (partially met, advisory)`: what is not plain and binding."""
    marks = [] if row.status == Status.NOT_MET else [row.status.value.replace("_", " ")]
    marks += [] if row.binding else ["advisory"]
    return f"{row.id} ({', '.join(marks)})" if marks else row.id


def _row(entry: Entry) -> list[str]:
    mco = md(entry.mco_name or entry.mco_id or "MCO unknown")
    if entry.mco_id and entry.mco_name:
        mco += f" ({md(entry.mco_id)})"
    gaps = [_gap(row) for row in entry.gaps()]
    shown = ", ".join(md(g) for g in gaps[:MAX_GAP_IDS]) or "none"
    if len(gaps) > MAX_GAP_IDS:
        shown += f" and {len(gaps) - MAX_GAP_IDS} more"
    score = "n/a" if entry.score is None else f"{entry.score:g}"
    if entry.advisory_score is not None:
        score += f" (advisory {entry.advisory_score:g})"
    filing = describe(entry)
    return [mco, f"{md(entry.period_start or '?')} to {md(entry.period_end or '?')}",
            md(f"{entry.set_id} {entry.set_version}"), score,
            "**PASS**" if entry.passed else "**FAIL**", shown,
            md(entry.file) + (f" ({md(filing)})" if filing else ""),
            md(entry.reports.get("html") or entry.reports.get("json") or "")]


def _unchecked(entries: list[Entry]) -> list[str]:
    failed = [e for e in entries if e.error is not None]
    if not failed:
        return []
    return [f"### Could not be checked ({len(failed)})", "",
            *(f"- {md(e.file)}: {md(e.reason)}" for e in failed), ""]


def _common(entries: list[Entry]) -> list[str]:
    gaps = common_gaps(entries)
    if not gaps:
        return ["No gaps: every applicable requirement is met in every submission checked.", ""]
    rows = [[f"**{md(g.id)}** {md(g.title)}", md(g.severity), md(g.set_id), str(len(g.mcos)),
             md(", ".join(g.mcos))] for g in gaps]
    return ["### Most common gaps", "",
            *_table(["Requirement", "Severity", "Set", "MCOs", "Which"], rows)]


def render_digest(summary: BatchSummary) -> str:
    """The Markdown text of `summary.md`."""
    entries = list(summary.submissions)
    counts = summary.counts
    checked = sorted((e for e in entries if e.error is None),
                     key=lambda e: (e.mco_id or "~", e.period_end or "",
                                    e.resubmission.rank if e.resubmission else 0, e.file))
    lines = ["## Compliance batch", "",
             f"{len(entries)} files, checked {md(summary.generated_at)}: "
             f"**{counts['pass']} pass**, **{counts['fail']} fail**, "
             f"**{counts['error']} could not be checked**.", ""]
    tally = Counter(row.status for e in checked for row in e.requirements)
    if tally:
        lines += ["Requirements across the submissions checked: " + ", ".join(
            f"{tally[status]} {status.value.replace('_', ' ')}" for status in Status
            if tally[status]) + ".", ""]
    if checked:
        lines += _table(["MCO", "Period", "Set", "Score", "Gate", "Gaps", "File", "Report"],
                        [_row(e) for e in checked])
    lines += _unchecked(entries) + _common(entries)
    lines.append("Reports: index.html (the portfolio), summary.csv and summary.json in the "
                 "output folder.")
    return "\n".join(lines) + "\n"
