"""The requirements guide as Markdown."""

from __future__ import annotations

from compliance.guide.content import Entry, Guide
from compliance.guide.words import basis_meaning, gate, scoring, standing, weighting
from compliance.render.markdown import md


def _entry(entry: Entry) -> list[str]:
    lines = [f"### {md(entry.id)}: {md(entry.title)}", "",
             f"- **{md(standing(entry))}** ({md(weighting(entry))})",
             f"- Basis: {md(basis_meaning(entry))}",
             f"- Citation: {md(entry.citation)}",
             f"- Status: {md(entry.in_force)}"]
    if entry.applies:
        lines.append(f"- Applies {md(entry.applies)}")
    if entry.note:
        lines.append(f"- Note: {md(entry.note)}")
    lines.append("- Measured from:")
    for ev in entry.evidence:
        columns = f": {md(', '.join(ev.columns))}" if ev.columns else ""
        lines.append(f"  - {md(ev.sheet)}{columns}")
    lines.append("- Checks:")
    lines += [f"  - {md(c.what)} Scored: {md(c.scored)}." for c in entry.checks]
    lines += [f"- Scoring: {md(scoring(entry))}", f"- How to fix a gap: {md(entry.remediation)}",
              ""]
    return lines


def render_guide_markdown(guide: Guide) -> str:
    """The whole guide, requirements grouped by domain in the set's order."""
    lines = [f"# Requirements guide: {md(guide.title)}", "",
             f"Set {md(guide.set_id)} version {md(guide.version)}, {md(guide.jurisdiction)}"
             + (f", program {md(guide.program)}" if guide.program else ""), ""]
    if guide.description:
        lines += [md(guide.description), ""]
    lines += [md(gate(guide)), ""]
    domain = None
    for entry in guide.entries:
        if entry.domain != domain:
            domain = entry.domain
            lines += [f"## {md(domain)}", ""]
        lines += _entry(entry)
    if guide.dropped:
        lines += ["## Not part of this set", ""]
        lines += [f"- {md(d.id)}: {md(d.reason or 'dropped by this set')}" for d in guide.dropped]
        lines.append("")
    return "\n".join(lines)
