"""Finds and loads a requirement set: from the set cache, else from its YAML chain."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from compliance.errors import RequirementSetError
from compliance.model.requirement import RequirementSet
from compliance.resources import bundled_dir
from compliance.sets import cache

if TYPE_CHECKING:
    from compliance.sets.validation import Source


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
    from compliance.sets.spelling import did_you_mean  # only to word the error

    known = [path.stem for path in bundled_dir("requirement_sets").glob("*.yaml")]
    hint = did_you_mean(str(reference), known) or ";"
    raise RequirementSetError(f"no requirement set '{reference}'{hint} `compliance sets list` "
                              "shows the bundled sets, or give a path to a .yaml file")


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


def _validated(path: Path, parent: cache.Resolver) -> tuple[RequirementSet, list[Source]]:
    # YAML parsing and validation are imported only when the cache cannot answer
    from compliance.sets.chain import validated

    return validated(path, parent)


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
    rs, chain = _validated(path, resolve)
    cache.keep(path, rs, chain, resolve)
    return rs
