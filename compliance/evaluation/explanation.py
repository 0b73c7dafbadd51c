"""Plain-language explanation of a requirement, for `compliance explain` and reports."""

from __future__ import annotations

import json

from compliance.checks import CHECKS
from compliance.checks.base import CheckBase, FractionTarget, Target, num, pct
from compliance.evaluation.condition import describe
from compliance.model.requirement import Requirement, RequirementSet
from compliance.model.workbook import SheetSpec


def _label(sheet: SheetSpec | None, field_id: str) -> str:
    spec = sheet.field(field_id) if sheet else None
    return spec.label if spec else field_id


def _evidence(rs: RequirementSet, req: Requirement) -> list[str]:
    found: dict[str, list[str]] = {}
    for check in req.checks:
        for sheet_id, field_id in check.refs():
            fields = found.setdefault(sheet_id, [])
            if field_id and field_id not in fields:
                fields.append(field_id)
    lines = []
    for sheet_id, field_ids in found.items():
        sheet = rs.workbook.sheet(sheet_id)
        name = sheet.name if sheet else sheet_id
        labels = [_label(sheet, f) for f in field_ids]
        lines.append(f"  sheet '{name}'" + (f": {', '.join(labels)}" if labels else ""))
    return lines


def _conditions(rs: RequirementSet, check: CheckBase) -> list[str]:
    """The rows a check reads and the test it applies, in words and by label."""
    sheet = rs.workbook.sheet(str(getattr(check, "sheet", "")))

    def said(field_id: str, value: object) -> str:
        spec = sheet.field(field_id) if sheet else None
        code = next((c for c in spec.code_list() if c.code == value), None) if spec else None
        if isinstance(value, bool):
            return "Yes" if value else "No"
        return (code.label or code.code) if code else str(value)

    lines = []
    for key, words in (("where", "reads:     rows where"), ("condition", "counts:    those where")):
        cond = getattr(check, key, None)
        if cond is not None and not isinstance(cond, str | list):
            lines.append(f"    {words} {describe(cond, lambda f: _label(sheet, f), said)}")
    return lines


def scoring_words(check: CheckBase) -> str:
    """How a check's measure becomes a score, in words."""
    target = getattr(check, "target", None)
    if not isinstance(target, Target):
        if getattr(check, "all_or_nothing", False):
            return "all or nothing"
        return "partial credit: the share of required items provided"
    bound = target.describe_fraction() if isinstance(target, FractionTarget) else target.describe()
    credit = target.credit
    if credit.linear_from is not None:
        start = pct(credit.linear_from) if isinstance(target, FractionTarget) else num(
            credit.linear_from)
        return f"target {bound}; partial credit rising linearly from {start} to the target"
    if credit.bands:
        bands = ", ".join(f"{b.score:g} at {b.reach:g}" for b in credit.bands)
        return f"target {bound}; stepped partial credit: {bands}"
    return f"target {bound}; all or nothing"


def explain_requirement(rs: RequirementSet, req: Requirement) -> str:
    """A multi-line explanation of one requirement."""
    domain = rs.domain(req.domain)
    lines = [f"{req.id}: {req.title}",
             f"Set:        {rs.id} {rs.version} ({rs.title})",
             f"Domain:     {domain.title if domain else req.domain}",
             f"Severity:   {req.severity} (weight {req.weight:g})",
             f"Citation:   {req.citation}",
             f"Basis:      {req.basis}" + (f" (confidence {req.confidence})" if req.confidence
                                           else ""),
             "Force:      " + ("binding: it decides the gate" if req.is_binding else
                               "advisory: reported and scored apart, never deciding the gate")]
    source = "; ".join(p for p in (req.source_version or "",
                                   (req.status or "").replace("_", " ")) if p)
    if source:
        lines.append(f"Source:     {source}")
    if req.note:
        lines.append(f"Note:       {req.note}")
    window = " ".join(p for p in (f"from {req.effective_from}" if req.effective_from else "",
                                  f"until {req.effective_to}" if req.effective_to else "") if p)
    lines.append(f"In effect:  {window or 'always'}")
    if req.applies_when is not None:
        lines.append(f"Applies:    only when {describe(req.applies_when, rs.workbook.name_of)}")
    lines += ["Evidence:", *_evidence(rs, req), "Checks:"]
    for check in req.checks:
        params = check.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
        doc = (CHECKS[check.type].__doc__ or "").strip().splitlines()[0]
        lines.append(f"  - {check.description or doc}")
        shown = {k: v for k, v in params.items() if k not in ("type", "description", "id")}
        lines += _conditions(rs, check)
        lines.append(f"    scored:    {scoring_words(check)}")
        lines.append(f"    as set:    {check.type} {json.dumps(shown, default=str)}")
    combine = "the weakest check decides" if req.combine == "all" else "checks are averaged"
    lines += [f"Scoring:    {combine}; 1 = met, 0 = not met, between = partially met",
              f"Remediation: {req.remediation}"]
    return "\n".join(lines)
