"""Loads a requirement set: safe YAML, strict validation, inheritance, reference checks.

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
from compliance.resources import bundled_dir
from compliance.sets import cache
from compliance.sets.inherit import combine, merge
from compliance.sets.references import broken_references
from compliance.sets.spelling import did_you_mean
from compliance.sets.validation import Source, error_lines
from compliance.sets.yamlsafe import load_yaml

MAX_DEPTH = 5
def find_set(reference: str | Path, near: Path | None = None) -> Path:
    """A set file from a path, or from a set id looked up beside `near` then in the bundle."""
    candidate = Path(reference)
    if candidate.suffix in (".yaml", ".yml") or candidate.exists():
        if not candidate.exists():
            raise RequirementSetError("no such requirement-set file", file=str(reference))
        if not candidate.is_file():
            raise RequirementSetError("is not a regular file", file=str(reference))
        return candidate
    return _by_id(str(reference), near)


def _by_id(reference: str, near: Path | None) -> Path:
    for folder in ([near] if near else []) + [bundled_dir("requirement_sets")]:
        found = folder / f"{reference}.yaml"
        if found.is_file():
            return found
    known = [path.stem for path in bundled_dir("requirement_sets").glob("*.yaml")]
    hint = did_you_mean(str(reference), known) or ";"
    raise RequirementSetError(f"no requirement set '{reference}'{hint} `compliance sets list` "
                              "shows the bundled sets, or give a path to a .yaml file")


def _raise(problems: list[str]) -> None:
    more = (f" (and {len(problems) - 1} more; run `compliance sets lint`)"
            if len(problems) > 1 else "")
    raise RequirementSetError(problems[0] + more, problems=problems)


def _parent(reference: str, child: Path, roots: tuple[Path, ...]) -> Path:
    """The set a set extends: an id, or a path taken from the child's own folder.

    A path must stay inside the folder of the set being loaded or the bundled sets, so
    that a set cannot make the checker open any file the user can read.
    """
    if Path(reference).suffix not in (".yaml", ".yml") and not any(c in reference for c in "/\\"):
        return _by_id(reference, child.parent)
    target = (child.parent / reference).resolve()
    if not any(target.is_relative_to(root) for root in roots):
        raise RequirementSetError(f"extends '{reference}' is outside the set's folder and the "
                                  "bundled sets", file=child.name)
    if not target.is_file():
        raise RequirementSetError(f"extends '{reference}': no such set file", file=child.name)
    return target


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
             roots: tuple[Path, ...]) -> tuple[dict[str, Any], list[Source]]:
    """The set's data with its parents folded in, and every file read, parents first."""
    source = _read(path, seen)
    parents = source.data.get("extends") or []
    if not parents:
        return source.data, [source]
    merged: dict[str, Any] | None = None
    sources: list[Source] = []
    for ref in [parents] if isinstance(parents, str) else parents:
        data, read = _resolve(_parent(str(ref), path, roots), [*seen, path.resolve()], roots)
        merged = data if merged is None else combine(merged, data)
        known = {t.path.resolve() for t in sources}
        sources += [s for s in read if s.path.resolve() not in known]
    assert merged is not None
    try:
        return merge(merged, source.data), [*sources, source]
    except ValueError as exc:
        raise RequirementSetError(str(exc), file=path.name) from exc


def _validated(path: Path, roots: tuple[Path, ...]) -> tuple[RequirementSet, list[Source]]:
    """The set loaded from its YAML, and every file read, parents first."""
    merged, chain = _resolve(path, [], roots)
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


def load_requirement_set(reference: str | Path) -> RequirementSet:
    """A resolved, validated requirement set; raises `RequirementSetError`.

    A set loaded before from unchanged files comes from the private set cache
    (`compliance.sets.cache`), identical to a fresh load.
    """
    path = find_set(reference)
    roots = (path.resolve().parent, bundled_dir("requirement_sets").resolve())

    def resolve(ref: str, child: Path) -> Path:
        return _parent(ref, child, roots)

    kept = cache.recall(path, resolve)
    if kept is not None:
        return kept
    rs, chain = _validated(path, roots)
    cache.keep(path, rs, chain, resolve)
    return rs
