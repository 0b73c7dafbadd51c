"""Cross-checks a resolved set: every domain, sheet and field a requirement names exists."""

from __future__ import annotations

from compliance.evaluation.condition import referenced_fields
from compliance.model.requirement import RequirementSet


def broken_references(rs: RequirementSet) -> list[tuple[int, str, str]]:
    """(requirement index, key path, problem) for each dangling reference."""
    problems: list[tuple[int, str, str]] = []
    domains = {d.id for d in rs.domains}
    forms = {s.id for s in rs.workbook.sheets if s.kind == "form"}
    for index, req in enumerate(rs.requirements):
        if req.domain not in domains:
            problems.append((index, "domain", f"no domain '{req.domain}' is declared"))
        for name in referenced_fields(req.applies_when):
            form_id, dot, label_id = name.partition(".")
            form = rs.workbook.sheet(form_id) if dot and form_id in forms else None
            if form is not None and form.field(label_id) is None:
                problems.append((index, "applies_when", f"sheet '{form_id}' has no field "
                                                        f"'{label_id}'"))
        for position, check in enumerate(req.checks):
            for sheet_id, field_id in check.refs():
                sheet = rs.workbook.sheet(sheet_id)
                where = f"checks[{position}]"
                if sheet is None:
                    problems.append((index, where, f"no sheet '{sheet_id}' in the workbook"))
                elif field_id is not None and sheet.field(field_id) is None:
                    problems.append((index, where, f"sheet '{sheet_id}' has no field '{field_id}'"))
    return problems
