"""The JSON document of every sample and of two messy rosters is exactly what it was.

Checks over table sheets work per distinct value and per column rather than per cell;
these documents, recorded before that change, prove the findings (their order, messages
and cells), measures and scores stayed byte for byte the same. `pytest --update-golden`
rewrites them; read the diff before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from compliance.api import check_workbook
from compliance.evaluation.document import ToolInfo
from compliance.render.json import render_json
from compliance.sets.selection import choose_set
from tests.goldenfiles import BUILT_SHA256, GENERATED_AT, TOOL_VERSION
from tests.messyroster import build_messy_filing

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = Path(__file__).parent / "golden" / "evaluation"
SAMPLES = sorted((ROOT / "sample_submissions").glob("*/*.xlsx"))
MESSY = {"messy-roster": False, "messy-roster-readable": True}


def _document(path: Path, requirement_set: str, built: bool) -> str:
    doc = check_workbook(path, requirement_set, generated_at=GENERATED_AT)
    submission = doc.submission.model_copy(update={"sha256": BUILT_SHA256}) if built else (
        doc.submission)
    return render_json(doc.model_copy(update={"tool": ToolInfo(version=TOOL_VERSION),
                                              "submission": submission}))


def _compare(name: str, text: str, update: bool) -> None:
    expected = EXPECTED / f"{name}.json"
    if update:
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(text, encoding="utf-8")
        return
    assert expected.read_text(encoding="utf-8") == text, f"{name}: the document changed"


@pytest.mark.parametrize("path", SAMPLES, ids=[f"{p.parent.name}/{p.stem}" for p in SAMPLES])
def test_sample_document_is_unchanged(path: Path, update_golden: bool) -> None:
    text = _document(path, choose_set(path), built=False)
    _compare(f"{path.parent.name}__{path.stem}", text, update_golden)


@pytest.mark.parametrize("name", sorted(MESSY))
def test_messy_roster_document_is_unchanged(name: str, tmp_path: Path,
                                            update_golden: bool) -> None:
    path = build_messy_filing(tmp_path / f"{name}.xlsx", readable=MESSY[name])
    text = _document(path, "oregon-cco", built=True)
    _compare(name, text, update_golden)
