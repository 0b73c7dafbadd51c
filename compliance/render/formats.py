"""The registry of output formats: name -> file extension and renderer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from compliance.evaluation.document import ResultDocument


@dataclass(frozen=True)
class RenderOptions:
    """Choices that change a report's content: small-count suppression, the path as given."""

    suppress_small_counts: bool = True
    source: str | None = None


Renderer = Callable[[ResultDocument, RenderOptions], str | bytes]


@dataclass(frozen=True)
class Format:
    """An output format: its file extension and renderer."""

    extension: str
    render: Renderer
    binary: bool = False


def _text(doc: ResultDocument, _options: RenderOptions) -> str:
    import click

    from compliance.render.text import render_text

    # A file is read in an editor or attached to an email, where colour codes are noise.
    return click.unstyle(render_text(doc))


def _json(doc: ResultDocument, _options: RenderOptions) -> str:
    from compliance.render.json import render_json

    return render_json(doc)


# The renderers below pull in Jinja2 or openpyxl; they are imported when first used so
# that a plain `compliance check` starts quickly.
def _html(doc: ResultDocument, options: RenderOptions) -> str:
    from compliance.render.html import render_html

    return render_html(doc, suppress=options.suppress_small_counts)


def _markdown(doc: ResultDocument, options: RenderOptions) -> str:
    from compliance.render.markdown import render_markdown

    return render_markdown(doc, suppress=options.suppress_small_counts)


def _junit(doc: ResultDocument, options: RenderOptions) -> str:
    from compliance.render.junit import render_junit

    return render_junit(doc, suppress=options.suppress_small_counts)


def _github(doc: ResultDocument, options: RenderOptions) -> str:
    from compliance.render.github import render_github

    return render_github(doc, source=options.source, suppress=options.suppress_small_counts)


def _xlsx(doc: ResultDocument, options: RenderOptions) -> bytes:
    from compliance.render.xlsx import render_xlsx

    return render_xlsx(doc, suppress=options.suppress_small_counts)


FORMATS: dict[str, Format] = {
    "text": Format("txt", _text),
    "json": Format("json", _json),
    "html": Format("html", _html),
    "md": Format("md", _markdown),
    "junit": Format("junit.xml", _junit),
    "github": Format("github.txt", _github),
    "xlsx": Format("findings.xlsx", _xlsx, binary=True),
}
