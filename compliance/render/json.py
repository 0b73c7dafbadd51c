"""The JSON result: the `ResultDocument`, indented, keys in a stable order."""

from __future__ import annotations

from compliance.evaluation.document import ResultDocument


def render_json(doc: ResultDocument) -> str:
    """The document as JSON text."""
    return doc.model_dump_json(indent=2) + "\n"
