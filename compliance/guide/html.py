"""The requirements guide as one self-contained HTML page (`report_templates/guide.html.j2`)."""

from __future__ import annotations

from compliance.guide import words
from compliance.guide.content import Guide
from compliance.pages import render_page


def render_guide_html(guide: Guide) -> str:
    """The guide page; every value from the set is autoescaped."""
    return render_page("guide.html.j2", guide=guide, words=words)
