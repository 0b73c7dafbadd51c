"""Regenerates the generated documentation: docs/checks.md and the JSON Schemas.

python scripts/gen_docs.py
"""

from __future__ import annotations

from pathlib import Path

from compliance.checkdocs import checks_markdown
from compliance.schemas import SCHEMAS, schema_text

DOCS = Path(__file__).resolve().parent.parent / "docs"


def generated() -> dict[Path, str]:
    """Every generated file and its current content."""
    files = {DOCS / "checks.md": checks_markdown()}
    files.update({DOCS / f"{name}.schema.json": schema_text(name) for name in SCHEMAS})
    return files


if __name__ == "__main__":
    for path, text in generated().items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
