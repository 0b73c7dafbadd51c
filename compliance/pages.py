"""The Jinja2 environment for the portfolio and diff pages: autoescaped, strict, offline.

Pages are self-contained (inline CSS, no scripts, no external requests), so they can be
mailed or opened from a shared drive. Everything from a submission is escaped.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from compliance.resources import bundled_dir


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The shared environment over `report_templates/`."""
    return Environment(loader=FileSystemLoader(bundled_dir("report_templates")),
                       autoescape=select_autoescape(default=True, default_for_string=True),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                       keep_trailing_newline=True)


def render_page(template: str, **context: Any) -> str:
    """Render one page template with its context."""
    return environment().get_template(template).render(**context)
