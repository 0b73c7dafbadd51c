"""The registry of output formats: name -> file extension and renderer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from compliance.document import ResultDocument
from compliance.render.html import render_html
from compliance.render.json import render_json
from compliance.render.junit import render_junit
from compliance.render.markdown import render_markdown
from compliance.render.text import render_text
from compliance.render.xlsx import render_xlsx


@dataclass(frozen=True)
class RenderOptions:
    """Choices that change a report's content: small-count suppression."""

    suppress_small_counts: bool = True


Renderer = Callable[[ResultDocument, RenderOptions], str | bytes]


@dataclass(frozen=True)
class Format:
    """An output format: its file extension and renderer."""

    extension: str
    render: Renderer
    binary: bool = False


FORMATS: dict[str, Format] = {
    "text": Format("txt", lambda doc, _opts: render_text(doc)),
    "json": Format("json", lambda doc, _opts: render_json(doc)),
    "html": Format("html", lambda doc, opts: render_html(
        doc, suppress=opts.suppress_small_counts)),
    "md": Format("md", lambda doc, opts: render_markdown(
        doc, suppress=opts.suppress_small_counts)),
    "junit": Format("junit.xml", lambda doc, opts: render_junit(
        doc, suppress=opts.suppress_small_counts)),
    "xlsx": Format("findings.xlsx", lambda doc, opts: render_xlsx(
        doc, suppress=opts.suppress_small_counts), binary=True),
}
