"""The formats `compliance diff` writes: name -> renderer."""

from __future__ import annotations

from collections.abc import Callable

from compliance.diff.compare import DocumentDiff
from compliance.diff.page import render_diff_html
from compliance.diff.render import render_diff_json, render_diff_markdown, render_diff_text

DIFF_FORMATS: dict[str, Callable[[DocumentDiff], str]] = {
    "text": render_diff_text,
    "md": render_diff_markdown,
    "html": render_diff_html,
    "json": render_diff_json,
}
