"""Reads a set file and its `extends` chain from YAML.

Safe YAML, strict validation, inheritance and reference checks.

Every problem is reported as `file:line: key.path: reason`, the form editors and CI
logs link to.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from compliance.errors import RequirementSetError
from compliance.model.requirement import RequirementSet, RequirementSetDocument
from compliance.sets.cache import Resolver
from compliance.sets.inherit import combine, merge
from compliance.sets.references import broken_references
from compliance.sets.validation import Source, error_lines
from compliance.sets.yamlsafe import load_yaml

MAX_DEPTH = 5
def _raise(problems: list[str]) -> None:
    more = (f" (and {len(problems) - 1} more; run `compliance sets lint`)"
            if len(problems) > 1 else "")
    raise RequirementSetError(problems[0] + more, problems=problems)


def _read(path: Path, seen: list[Path]) -> Source:
    if path.resolve() in seen:
        raise RequirementSetError("extends itself through its parents", file=path.name)
    if len(seen) >= MAX_DEPTH:
        raise RequirementSetError(f"more than {MAX_DEPTH} levels of extends", file=path.name)
    data, lines, raw = load_yaml(path)
    if not isinstance(data, dict):
        raise RequirementSetError("must be a mapping of keys (id, title, ...)", file=path.name)
    source = Source(path, data, lines, raw)
    try:
        RequirementSetDocument.model_validate(data)
    except ValidationError as exc:
        _raise(error_lines(exc, source))
    return source


def _resolve(path: Path, seen: list[Path],
             parent: Resolver) -> tuple[dict[str, Any], list[Source]]:
    """The set's data with its parents folded in, and every file read, parents first."""
    source = _read(path, seen)
    parents = source.data.get("extends") or []
    if not parents:
        return source.data, [source]
    merged: dict[str, Any] | None = None
    sources: list[Source] = []
    for ref in [parents] if isinstance(parents, str) else parents:
        data, read = _resolve(parent(str(ref), path), [*seen, path.resolve()], parent)
        merged = data if merged is None else combine(merged, data)
        known = {t.path.resolve() for t in sources}
        sources += [s for s in read if s.path.resolve() not in known]
    assert merged is not None
    try:
        return merge(merged, source.data), [*sources, source]
    except ValueError as exc:
        raise RequirementSetError(str(exc), file=path.name) from exc


def validated(path: Path, parent: Resolver) -> tuple[RequirementSet, list[Source]]:
    """The set loaded from its YAML, and every file read, parents first."""
    merged, chain = _resolve(path, [], parent)
    leaf = chain[-1]
    digest = hashlib.sha256(b"".join(s.raw for s in chain)).hexdigest()
    extra = {"lineage": [s.data["id"] for s in chain], "sha256": digest, "source": str(leaf.path)}
    merged = {**merged, **extra, "extends": None, "overrides": {}, "drop": []}
    try:
        rs = RequirementSet.model_validate(merged)
    except ValidationError as exc:
        _raise(error_lines(exc, Source(leaf.path, merged, leaf.lines, leaf.raw)))
    broken = broken_references(rs)
    if broken:
        _raise([f"{leaf.path.name}: requirements[{i}] ({rs.requirements[i].id}).{where}: {why}"
                for i, where, why in broken])
    return rs, chain


