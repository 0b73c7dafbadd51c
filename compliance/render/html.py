"""The HTML gap report: one self-contained page rendered from `report_templates/`.

The page carries its own CSS and nothing else: no scripts, fonts, images or requests,
so it opens the same from disk, an email attachment or a printer. Templates come only
from the bundled folder and see only a `ReportContext`; autoescaping covers every
value, so text from a submission is shown as text and never read as markup or as a
template (Jinja compiles the bundled files, never data).
"""

from __future__ import annotations

from dataclasses import fields
from functools import cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from compliance.evaluation.document import ResultDocument
from compliance.render.context import ReportContext
from compliance.render.suppress import report_context
from compliance.resources import bundled_dir

TEMPLATE = "report.html.j2"


def _thousands(value: int) -> str:
    return f"{value:,}"


@cache
def environment() -> Environment:
    """The report templates' Jinja environment (strict: a missing value is an error)."""
    env = Environment(loader=FileSystemLoader(bundled_dir("report_templates")),
                      undefined=StrictUndefined, autoescape=True, trim_blocks=True,
                      lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["thousands"] = _thousands
    return env


def context_variables(ctx: ReportContext) -> dict[str, Any]:
    """The context's fields as the templates' top-level variables."""
    return {field.name: getattr(ctx, field.name) for field in fields(ctx)}


def render_context(ctx: ReportContext) -> str:
    """The HTML page for a prepared context."""
    return environment().get_template(TEMPLATE).render(context_variables(ctx))


def render_html(doc: ResultDocument, *, suppress: bool = True) -> str:
    """The HTML gap report of a result document."""
    return render_context(report_context(doc, suppress=suppress))
