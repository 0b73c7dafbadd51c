"""Published JSON Schemas: the requirement-set language and the result document."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from compliance.evaluation.document import ResultDocument
from compliance.model.requirement import RequirementSetDocument

SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {
    "requirement-set": lambda: RequirementSetDocument.model_json_schema(by_alias=True),
    "result": lambda: ResultDocument.model_json_schema(mode="serialization"),
}


def schema_text(which: str) -> str:
    """A schema as indented JSON, with its `$schema` and title set."""
    body = {"$schema": "https://json-schema.org/draft/2020-12/schema", **SCHEMAS[which]()}
    return json.dumps(body, indent=2, sort_keys=False) + "\n"
