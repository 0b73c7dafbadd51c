"""Renders a `DocumentDiff` as a self-contained HTML page."""

from __future__ import annotations

from compliance.diff.compare import DocumentDiff
from compliance.diff.render import SECTIONS, points, signed, status, verdict
from compliance.pages import render_page


def percent(score: float | None) -> str:
    """A requirement score (0-1) as points out of 100."""
    return points(None if score is None else round(100 * score, 2))


def render_diff_html(diff: DocumentDiff) -> str:
    """The comparison page (`report_templates/diff.html.j2`)."""
    return render_page("diff.html.j2", diff=diff, sections=SECTIONS, points=points,
                       signed=signed, status=status, verdict=verdict, percent=percent)
