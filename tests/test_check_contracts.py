"""Every registered check type documents itself and has passing and failing cases."""

from __future__ import annotations

import re
import textwrap
import typing
from pathlib import Path
from typing import Any, Literal

import pytest
import yaml
from pydantic import TypeAdapter

from compliance.checks import CHECKS, CheckParams
from compliance.checks.base import CheckBase, CheckType

CASES_DIR = Path(__file__).parent / "cases"
SECTIONS = ("What it checks:", "Why:", "Options:", "Passing:", "Failing:")
COMMON_KEYS = {"type", "id", "description"}


def section(doc: str, title: str) -> str:
    """The text of one docstring section, up to the next section title."""
    start = doc.index(title) + len(title)
    ends = [doc.index(t) for t in SECTIONS if t in doc and doc.index(t) > start]
    return doc[start:min(ends, default=len(doc))]


@pytest.mark.parametrize("type_id", sorted(CHECKS))
def test_docstring_has_every_section_in_order(type_id: str) -> None:
    doc = CHECKS[type_id].__doc__ or ""
    assert doc.startswith(f"{type_id}: "), "the first line names the check type"
    assert [t for t in SECTIONS if t not in doc] == []
    positions = [doc.index(title) for title in SECTIONS]
    assert positions == sorted(positions)
    assert all(section(doc, title).strip() for title in SECTIONS)


@pytest.mark.parametrize("type_id", sorted(CHECKS))
def test_options_section_names_every_option(type_id: str) -> None:
    module = CHECKS[type_id]
    options = section(module.__doc__ or "", "Options:")
    undocumented = [name for name in module.Params.model_fields
                    if name not in COMMON_KEYS and not re.search(rf"\b{name}\b", options)]
    assert not undocumented


@pytest.mark.parametrize("type_id", sorted(CHECKS))
def test_type_and_params_match_the_registry(type_id: str) -> None:
    module: CheckType = CHECKS[type_id]
    assert module.TYPE == type_id
    assert module.__name__ == f"compliance.checks.{type_id}"
    assert issubclass(module.Params, CheckBase)
    annotation: object = module.Params.model_fields["type"].annotation
    assert annotation == Literal[type_id]
    assert callable(module.check)
    assert "submission" in typing.get_type_hints(module.check)


@pytest.mark.parametrize("type_id", sorted(CHECKS))
def test_passing_example_is_valid_params(type_id: str) -> None:
    example = textwrap.dedent(section(CHECKS[type_id].__doc__ or "", "Passing:"))
    params = TypeAdapter(CheckParams).validate_python(yaml.safe_load(example))
    assert params.type == type_id


def cases(type_id: str) -> list[dict[str, Any]]:
    path = CASES_DIR / f"{type_id}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else []


@pytest.mark.parametrize("type_id", sorted(CHECKS))
def test_has_passing_and_failing_cases(type_id: str) -> None:
    expects = [case["expect"] for case in cases(type_id)]
    passing = [e for e in expects if e.get("score") == 1.0]
    failing = [e for e in expects if e.get("missing") or (
        e.get("score") is not None and e["score"] < 1.0)]
    assert len(passing) >= 2 and len(failing) >= 2, "each type needs 2 passing and 2 failing cases"


def test_every_case_file_names_a_check_type() -> None:
    assert {p.stem for p in CASES_DIR.glob("*.yaml")} <= set(CHECKS)
