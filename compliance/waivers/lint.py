"""`waivers lint`: every problem of a waiver file in one run, in file order.

Loading stops at the first kind of problem it meets (the file's structure, then the
MCO list, then requirement ids), which is right for `check` and `batch`, where any
problem stops the run. A person fixing the file wants all of them at once, so when the
structure is wrong, every entry is still checked, as written, for an MCO missing from
`mcos`, a CAP id used twice and a requirement that no set has.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from compliance.errors import RequirementSetError
from compliance.model.requirement import RequirementSet
from compliance.sets.yamlsafe import LinePath, load_yaml
from compliance.waivers.apply import requirement_problems, unknown_requirement
from compliance.waivers.file import WaiverFile, WaiverFileDocument, load_waivers

_LINE = re.compile(r"^[^:]*:(\d+):")
Item = tuple[str, tuple[str, int], dict[Any, Any]]


def lint_waivers(path: Path,
                 sets: Sequence[RequirementSet]) -> tuple[WaiverFile | None, list[str]]:
    """The loaded file (None when it does not load) and every problem found in it."""
    try:
        loaded = load_waivers(path)
    except RequirementSetError as exc:
        return None, _in_file_order(_with_entry_problems(path, list(exc.problems), sets))
    return loaded, requirement_problems(loaded, sets)


def _in_file_order(problems: list[str]) -> list[str]:
    def line(problem: str) -> int:
        found = _LINE.match(problem)
        return int(found.group(1)) if found else 0

    return sorted(problems, key=line)


def _with_entry_problems(path: Path, problems: list[str],
                         sets: Sequence[RequirementSet]) -> list[str]:
    try:
        data, lines, _ = load_yaml(path)
    except RequirementSetError:
        return problems  # not YAML at all: the one problem already says so
    if not isinstance(data, dict):
        return problems
    items = list(_items(data))
    mcos = _mcos(data)
    found = []
    for key, position, item in items:
        for field, problem in _item_problems(key, item, mcos, sets):
            line = lines.get((*position, field), lines.get(position, 1))
            found.append(f"{path.name}:{line}: {problem}")
    found += _repeated_cap_ids(items, lambda p: f"{path.name}:{lines.get(p, 1)}")
    return problems + [problem for problem in found if problem not in problems]


def _items(data: dict[Any, Any]) -> Iterator[Item]:
    for kind in ("waivers", "caps"):
        entries = data.get(kind)
        for i, item in enumerate(entries if isinstance(entries, list) else []):
            if isinstance(item, dict):
                yield f"{kind}[{i}]", (kind, i), item


def _mcos(data: dict[Any, Any]) -> list[str] | None:
    try:
        return list(WaiverFileDocument.model_validate({"mcos": data.get("mcos")}).mcos)
    except ValidationError:
        return None  # a broken list cannot tell which MCO ids are known


def _text(item: dict[Any, Any], key: str) -> str | None:
    value = item.get(key)
    return value if isinstance(value, str) else None


def _item_problems(key: str, item: dict[Any, Any], mcos: list[str] | None,
                   sets: Sequence[RequirementSet]) -> list[tuple[str, str]]:
    """(key of the entry, problem) pairs, the key giving the line."""
    found = []
    mco = _text(item, "mco_id")
    if mcos is not None and mco is not None and mco not in mcos:
        found.append(("mco_id", f"{key}.mco_id: '{mco}' is not in mcos ({', '.join(mcos)})"))
    requirement = _text(item, "requirement")
    unknown = requirement and unknown_requirement(key, requirement, _text(item, "set"), sets)
    if unknown:
        found.append(("requirement", unknown))
    return found


def _repeated_cap_ids(items: list[Item], where: Callable[[LinePath], str]) -> list[str]:
    seen: set[str] = set()
    found = []
    for key, position, item in items:
        cap_id = _text(item, "id") if position[0] == "caps" else None
        if cap_id is not None and cap_id in seen:
            found.append(f"{where((*position, 'id'))}: {key}.id: '{cap_id}' is used twice")
        seen.add(cap_id or "")
    return found
