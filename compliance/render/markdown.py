"""The Markdown gap report: the HTML report's content, compact, for email and CI comments.

Every value is escaped for CommonMark and GitHub: characters that start markup,
links, HTML, tables, maths, mentions or issue references are backslash-escaped, and
the patterns GitHub turns into links by themselves (`http://`, `www.`, `a@b`) are
broken, so text from a submission is shown as typed and never becomes a link.
Values never start a line (each follows fixed text), so list and heading markers
inside them stay plain.
"""

from __future__ import annotations

import re

from compliance.evaluation.document import ResultDocument
from compliance.render.context import Gap, ReportContext
from compliance.render.findings import FindingRow
from compliance.render.suppress import report_context
from compliance.terminal import printable

# `_` between two letters or digits cannot start or end emphasis, so `Sheet_Name` stays.
_SPECIAL = re.compile(r"([\\`*\[\]<|~&$#@]|(?<![^\W_])_|_(?![^\W_])|:(?=//)|(?<=www)\.)",
                      re.IGNORECASE)
_SPACE = re.compile(r"[\r\n\t\v\f]+")


def md(value: object) -> str:
    """Text escaped for one line (or one table cell) of Markdown."""
    return _SPECIAL.sub(r"\\\1", printable(_SPACE.sub(" ", str(value))))


def _table(header: list[str], rows: list[list[str]], align: str = "") -> list[str]:
    rule = ["--:" if align[i:i + 1] == "r" else "---" for i in range(len(header))]
    return ["| " + " | ".join(header) + " |", "| " + " | ".join(rule) + " |",
            *("| " + " | ".join(row) + " |" for row in rows), ""]


def _top(ctx: ReportContext) -> list[str]:
    lines = [f"## Gap report: {md(ctx.mco)}", ""]
    if ctx.set_mismatch:
        lines += [f"> **Checked against another set than its own.** {md(ctx.set_mismatch)}", ""]
    lines += [f"**{ctx.verdict}**, compliance score **{md(ctx.score)}** / 100 (binding "
              f"requirements) against {md(ctx.set_title)} ({md(ctx.set_id)} version "
              f"{md(ctx.set_version)})  "]
    if ctx.advisory_score:
        lines.append(f"Advisory score {md(ctx.advisory_score)} / 100 (advisory requirements, "
                     "never deciding the gate)  ")
    lines += [f"State {md(ctx.state)}, program {md(ctx.program)}, reporting period "
              f"{md(ctx.period)}, submitted {md(ctx.submitted_on)}", "",
              f"Rule: {md(ctx.gate_rule)}", ""]
    lines += [f"- {md(reason)}" for reason in ctx.gate_reasons]
    lines += [""] if ctx.gate_reasons else []
    header = ["Status", *(s.capitalize() for s in ctx.severities), "All"]
    rows = [[row.label, *map(str, row.counts), str(row.total)]
            for row in ctx.status_rows if row.total]
    lines += _table(header, rows, "l" + "r" * len(ctx.severities) + "r")
    lines += _table(["Domain", "Score", "Requirements"],
                    [[md(d.title), d.score, md(d.counts)] for d in ctx.domains], "lrl")
    if ctx.suppressed:
        lines += ["Counts of 1 to 10 from member data are shown as \\<11 "
                  "(11+ where a count would let a small one be worked out).", ""]
    return lines


def _found(row: FindingRow) -> str:
    # Messages are sentences: run them on as sentences, not as `first.; second.`
    messages = (e.message for e in row.examples)
    text = " ".join(md(m if m.endswith(".") else f"{m}.") for m in messages)
    return text + (f" (and {row.similar:,} more like these)" if row.similar else "")


def _cells(row: FindingRow) -> str:
    return md(row.cells) + (f" and {row.cells_more:,} more" if row.cells_more else "")


def _gap(gap: Gap) -> list[str]:
    lines = [f"**{gap.status_label}** {md(gap.severity)}: **{md(gap.id)}** {md(gap.title)}  ",
             f"Citation: {md(gap.citation)}  ", f"Basis: {md(gap.basis)}  "]
    if gap.source:
        lines.append(f"Source: {md(gap.source)}  ")
    if gap.reason:
        lines.append(f"Reason: {md(gap.reason)}  ")
    lines += [f"Note: {md(note)}  " for note in gap.notes]
    lines += [f"Check {md(c.name)}: expected {md(c.expected)}, found {md(c.measured)}  "
              for c in gap.checks]
    lines.append("")
    if gap.findings:
        lines += _table(["What was found", "Expected", "Cells"],
                        [[_found(r), md(r.expected), _cells(r)] for r in gap.findings])
    if gap.findings_unlisted:
        lines += [f"Only the first {gap.findings_listed:,} of {gap.findings_total:,} findings "
                  "are itemised.", ""]
    return [*lines, f"What to do: {md(gap.remediation)}", ""]


def _gaps(ctx: ReportContext) -> list[str]:
    if not ctx.gap_groups:
        return ["### No gaps", "", "Every applicable requirement is met.", ""]
    lines = [f"### Gaps ({ctx.gap_count})", ""]
    for group in ctx.gap_groups:
        lines += [f"#### {md(group.domain)}", ""]
        for gap in group.gaps:
            lines += _gap(gap)
    if ctx.basis_legend:
        lines += ["#### Basis of each citation", ""]
        lines += [f"- {md(line)}" for line in ctx.basis_legend] + [""]
    return lines


def _rest(ctx: ReportContext) -> list[str]:
    lines: list[str] = []
    if ctx.settled:
        lines += [f"### Met, not applicable and waived ({len(ctx.settled)})", ""]
        lines += _table(["Requirement", "Status", "Basis", "Detail"],
                        [[f"{md(s.id)} {md(s.title)}", s.status_label, md(s.basis),
                          md(s.detail)] for s in ctx.settled])
    lines += ["### The workbook", ""]
    lines += [f"- Note: {md(n.message)}" + (f" ({md(n.location)})" if n.location else "")
              for n in ctx.notes]
    checked = [f"{md(s.name)}" for s in ctx.sheets if s.checked_as]
    lines += [f"- Sheets checked: {', '.join(checked) or 'none'}", ""]
    p = ctx.provenance
    return [*lines, "---", "",
            f"compliance {md(p.tool_version)}; set {md(p.set_id)} version "
            f"{md(p.set_version)}, sha256 `{p.set_sha256}`; workbook {md(p.file)}, sha256 "
            f"`{p.file_sha256}`; generated {md(p.generated_at)}", ""]


def render_context(ctx: ReportContext) -> str:
    """The Markdown report for a prepared context."""
    return "\n".join(_top(ctx) + _gaps(ctx) + _rest(ctx))


def render_markdown(doc: ResultDocument, *, suppress: bool = True) -> str:
    """The Markdown gap report of a result document."""
    return render_context(report_context(doc, suppress=suppress))
