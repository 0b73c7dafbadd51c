"""The deficiency letter as a PDF (fpdf2, built-in fonts, no external resources)."""

from __future__ import annotations

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from compliance.portal.letter import Letter, LetterGap

_WIDTH = 180


def _latin1(text: str) -> str:
    """The built-in PDF fonts cover Latin-1; anything else becomes '?'."""
    replaced = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u2019", "'")
    return replaced.encode("latin-1", "replace").decode("latin-1")


def _line(pdf: FPDF, text: str, *, size: int = 10, style: str = "") -> None:
    pdf.set_font("Helvetica", style=style, size=size)
    pdf.multi_cell(_WIDTH, 5, _latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _gap(pdf: FPDF, number: int, gap: LetterGap) -> None:
    pdf.ln(2)
    _line(pdf, f"{number}. {gap.requirement_id}: {gap.title}", size=11, style="B")
    _line(pdf, f"Status: {gap.status}. Severity: {gap.severity}.")
    _line(pdf, f"Citation: {gap.citation}")
    _line(pdf, f"Basis: {gap.basis}")
    for finding in gap.findings:
        _line(pdf, f"- {finding}")
    if gap.remediation:
        _line(pdf, f"Required action: {gap.remediation}")
    if gap.review:
        _line(pdf, f"Reviewer: {gap.review}")


def render_letter_pdf(letter: Letter) -> bytes:
    """The letter's PDF bytes."""
    pdf = FPDF(format="Letter")
    pdf.set_creator("compliance")
    pdf.set_title(_latin1(f"Notice of deficiency: {letter.mco_name}"))
    pdf.add_page()
    _line(pdf, "Notice of deficiency", size=16, style="B")
    _line(pdf, f"Issued {letter.issued_on.isoformat()} to {letter.mco_name} ({letter.mco_id})")
    _line(pdf, f"Program: {letter.program}. Reporting period: {letter.period}.")
    _line(pdf, f"Filing version {letter.version}, submitted "
               f"{letter.submitted_at:%Y-%m-%d %H:%M} UTC, checked against {letter.set_ref}.")
    _line(pdf, f"Workbook SHA-256: {letter.sha256}", size=8)
    pdf.ln(3)
    _line(pdf, f"A written response or corrective action plan is due by "
               f"{letter.respond_by.isoformat()}.", style="B")
    if not letter.gaps:
        _line(pdf, "No open deficiencies remain for this filing.")
    for number, gap in enumerate(letter.gaps, start=1):
        _gap(pdf, number, gap)
    return bytes(pdf.output())
