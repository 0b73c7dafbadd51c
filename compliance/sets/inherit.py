"""Resolves `extends`: merges a child set's document into its parent's, as plain data.

Merging works on the parsed YAML (dicts and lists) so that the merged result is
validated by the same models as any set; an override that makes a check invalid is
reported like any other error.
"""

from __future__ import annotations

import copy
from typing import Any

INHERITED_KEYS = ("jurisdiction", "program", "description", "documents", "gate")


def _by_id(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in items if isinstance(item, dict) and "id" in item}


def _merge_sheets(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    merged = {**parent, **{k: v for k, v in child.items() if k not in ("sheets",
                                                                        "sheet_overrides")}}
    sheets = [copy.deepcopy(s) for s in parent.get("sheets", [])]
    known = _by_id(sheets)
    for sheet in child.get("sheets", []):
        if isinstance(sheet, dict) and sheet.get("id") in known:
            raise ValueError(f"workbook.sheets: '{sheet['id']}' is inherited; "
                             "change it with workbook.sheet_overrides")
        sheets.append(sheet)
    for sheet_id, patch in child.get("sheet_overrides", {}).items():
        target = _by_id(sheets).get(sheet_id)
        if target is None:
            raise ValueError(f"workbook.sheet_overrides: no inherited sheet '{sheet_id}'")
        _patch_sheet(target, patch)
    merged["sheets"] = sheets
    return merged


def _patch_sheet(sheet: dict[str, Any], patch: dict[str, Any]) -> None:
    for key in ("name", "description"):
        if patch.get(key) is not None:
            sheet[key] = patch[key]
    sheet["aliases"] = [*sheet.get("aliases", []), *patch.get("aliases", [])]
    fields = _by_id(sheet.get("fields", []))
    for field in patch.get("replace_fields", []):
        if field.get("id") not in fields:
            raise ValueError(f"replace_fields: sheet '{sheet['id']}' has no field "
                             f"'{field.get('id')}'")
        fields[field["id"]].clear()
        fields[field["id"]].update(field)
    sheet["fields"] = [*sheet.get("fields", []), *patch.get("add_fields", [])]


def _patch_requirement(req: dict[str, Any], override: dict[str, Any]) -> None:
    for key, value in override.items():
        if key != "checks":
            req[key] = value
    checks = req.get("checks", [])
    for ref, params in override.get("checks", {}).items():
        index = next((i for i, c in enumerate(checks) if c.get("id") == ref), None)
        if index is None and str(ref).isdigit() and int(ref) < len(checks):
            index = int(ref)
        if index is None:
            raise ValueError(f"overrides.{req['id']}.checks: no check '{ref}'")
        _deep_update(checks[index], params)


def _deep_update(target: dict[str, Any], patch: dict[str, Any]) -> None:
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _deep_update(target[key], value)
        else:
            target[key] = value


def _missing(have: list[Any], more: list[Any]) -> list[Any]:
    """Items of `more` whose id `have` lacks."""
    known = {item.get("id") for item in have if isinstance(item, dict)}
    return [copy.deepcopy(i) for i in more if isinstance(i, dict) and i.get("id") not in known]


def combine(first: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
    """Two resolved parents as one: `first` wins, `other` adds what `first` lacks."""
    merged = copy.deepcopy(first)
    for key in ("requirements", "domains", "documents"):
        merged[key] = [*merged.get(key, []), *_missing(merged.get(key, []),
                                                        other.get(key, []))]
    workbook = merged.setdefault("workbook", {})
    workbook["sheets"] = [*workbook.get("sheets", []), *_missing(
        workbook.get("sheets", []), other.get("workbook", {}).get("sheets", []))]
    merged["drop_reasons"] = {**other.get("drop_reasons", {}), **first.get("drop_reasons", {})}
    return merged


def merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """The child's document with the parent's content folded in; raises ValueError."""
    merged = {k: copy.deepcopy(v) for k, v in parent.items() if k in INHERITED_KEYS}
    merged.update({k: v for k, v in child.items()
                   if k not in ("extends", "overrides", "drop", "requirements", "domains",
                                "workbook")})
    merged["workbook"] = _merge_sheets(parent.get("workbook", {}), child.get("workbook", {}))
    domains = {**_by_id(copy.deepcopy(parent.get("domains", []))),
               **_by_id(child.get("domains", []))}
    merged["domains"] = list(domains.values())
    requirements = _by_id(copy.deepcopy(parent.get("requirements", [])))
    for req in child.get("requirements", []):
        if isinstance(req, dict) and req.get("id") in requirements:
            raise ValueError(f"requirements: '{req['id']}' is inherited; change it with overrides")
        requirements[req["id"]] = req
    for req_id in child.get("drop", []):
        if requirements.pop(req_id, None) is None:
            raise ValueError(f"drop: no inherited requirement '{req_id}'")
    for req_id, override in child.get("overrides", {}).items():
        if req_id not in requirements:
            raise ValueError(f"overrides: no inherited requirement '{req_id}'")
        _patch_requirement(requirements[req_id], override)
    merged["requirements"] = list(requirements.values())
    merged["drop_reasons"] = {**parent.get("drop_reasons", {}), **child.get("drop_reasons", {})}
    return merged
