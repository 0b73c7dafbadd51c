"""What the process pool runs: preflight, a check, an annotated copy, a blank template.

Each function takes and returns plain values (paths, strings, bytes) so that it crosses
the process boundary cheaply; none touches the database.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from compliance.errors import ComplianceError


@dataclass(frozen=True)
class CheckReply:
    """A finished check: the result document as JSON, or why it could not run."""

    result_json: str | None
    error: str | None


def preflight(path: str) -> str | None:
    """None when the file is a safe, bounded workbook; else the reason it is not."""
    from compliance.reader.preflight import inspect

    try:
        inspect(path)
    except ComplianceError as exc:
        return exc.reason
    return None


def check(path: str, set_id: str) -> CheckReply:
    """Check the stored workbook against the program's set."""
    from compliance.api import check_workbook
    from compliance.render.json import render_json
    from compliance.sets.belonging import FORCE_HINT, SetMismatch

    try:
        return CheckReply(render_json(check_workbook(path, set_id, beside=False)), None)
    except SetMismatch as exc:
        # The portal checks only against the program's set; there is nothing to force.
        reason = exc.reason.removesuffix(f"; {FORCE_HINT}")
        return CheckReply(None, f"{reason}. Upload the workbook made from your program's "
                          "template.")
    except ComplianceError as exc:
        return CheckReply(None, exc.reason)


def annotate(path: str, result_json: str) -> bytes:
    """The annotated copy of a stored workbook, as bytes."""
    from compliance.evaluation.document import ResultDocument
    from compliance.render.annotate import annotate_workbook

    doc = ResultDocument.model_validate_json(result_json)
    with tempfile.TemporaryDirectory() as scratch:
        out = annotate_workbook(Path(path), doc, Path(scratch) / "annotated.xlsx")
        return out.read_bytes()


def template(set_id: str) -> bytes:
    """The blank template workbook of a set."""
    from compliance.sets.loader import load_requirement_set
    from compliance.template.build import build_template, workbook_bytes

    return workbook_bytes(build_template(load_requirement_set(set_id)))
