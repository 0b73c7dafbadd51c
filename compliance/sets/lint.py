"""Lint rules beyond validity: conventions a set must keep to be maintainable."""

from __future__ import annotations

from pathlib import Path

from compliance.model.requirement import RequirementSet
from compliance.sets.yamlsafe import load_yaml

UNVERIFIED_BASES = frozenset({"illustrative", "unverified"})


def lint_warnings(rs: RequirementSet, file: Path) -> list[str]:
    """Problems a valid set can still have."""
    problems = []
    name = Path(file).name
    if Path(file).stem != rs.id:
        problems.append(f"{name}: file name should be '{rs.id}.yaml' so `extends` can find it")
    used = {r.domain for r in rs.requirements}
    problems += [f"{name}: domain '{d.id}' has no requirements" for d in rs.domains
                 if d.id not in used and d.id in _declared_domains(rs, Path(file))]
    for req in rs.requirements:
        if req.basis in UNVERIFIED_BASES and not req.note:
            problems.append(f"{name}: {req.id}: basis '{req.basis}' needs a note saying what "
                            "is not verified")
    return problems


def _declared_domains(rs: RequirementSet, file: Path) -> set[str]:
    """Domains the file itself declares; an inherited domain may be emptied by `drop`."""
    if len(rs.lineage) <= 1:
        return {d.id for d in rs.domains}
    data = load_yaml(file)[0]
    return {d["id"] for d in data.get("domains", []) if isinstance(d, dict) and "id" in d}
