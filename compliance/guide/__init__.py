"""The requirements guide of a set: what each requirement asks, from where, and how it is scored."""

from __future__ import annotations

from compliance.guide.content import Guide, build_guide
from compliance.guide.html import render_guide_html
from compliance.guide.markdown import render_guide_markdown

__all__ = ["Guide", "build_guide", "render_guide_html", "render_guide_markdown"]
