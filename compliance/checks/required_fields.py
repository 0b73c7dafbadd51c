"""required_fields: the listed form fields, or table columns, are present and filled in.

What it checks:
    On a form sheet, each field in `fields` must be on the sheet (its label found), filled
    in and valid: a value that does not fit the field's type counts as not provided. On a
    table sheet, each listed column must be present and filled in on every record, and
    the table must have at least `min_rows` records. An accepted N/A or suppression token
    counts as provided: the filer answered.

Why:
    42 CFR 438.604 and 438.606 require a plan to submit the data the state specifies and
    to certify it complete; a cover sheet without the plan id or the reporting period
    cannot be attributed to a plan or a quarter.

Options:
    sheet: form or table sheet id.
    fields: field (form) or column (table) ids that must be provided.
    min_rows: fewest records a table must hold (default 1); ignored for forms.
    all_or_nothing: score 0 unless everything is provided (default false: the score is the
        share of fields, or of required table cells, provided).

Passing:
    type: required_fields
    sheet: cover
    fields: [mco_id, period_start, period_end]

Failing:
    The cover sheet's `Reporting period end` is blank: 2 of 3 fields provided (score 0.67).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from compliance.checks.base import CheckBase, pct
from compliance.checks.records import Records, records, shown
from compliance.evaluation.results import CheckOutcome, Finding
from compliance.evaluation.submission import Invalid, Submission, Table
from compliance.model.base import Identifier

TYPE = "required_fields"


class Params(CheckBase):
    """Options of the `required_fields` check."""

    type: Literal["required_fields"]
    sheet: Identifier
    fields: Annotated[list[Identifier], Field(min_length=1)]
    min_rows: Annotated[int, Field(ge=0)] = 1
    all_or_nothing: bool = False

    def refs(self) -> list[tuple[str, str | None]]:
        """Sheet and fields this check reads."""
        return [(self.sheet, None), *[(self.sheet, f) for f in self.fields]]


def _absent(rows: Records, field: str) -> Finding:
    where = f"A{rows.source.header_row}" if isinstance(rows.source, Table) else None
    kind = "column" if isinstance(rows.source, Table) else "field"
    return Finding(code="required_fields.missing", sheet=rows.name, cell=where,
                   message=f"The {kind} '{rows.label(field)}' is not on the sheet.",
                   expected=f"a {kind} labelled '{rows.label(field)}'", actual="none")


def _unfilled(rows: Records, field: str, i: int, value: object) -> Finding:
    label, cell = rows.label(field), rows.cell(field, i)
    if isinstance(value, Invalid):
        return Finding(code="required_fields.invalid", sheet=rows.name, cell=cell,
                       message=f"{label} '{shown(value)}': {value.reason}.",
                       expected=f"a valid {label}", actual=shown(value))
    return Finding(code="required_fields.blank", sheet=rows.name, cell=cell,
                   message=f"{label} is blank.", expected=f"a {label}", actual="blank")


def _credit(rows: Records, field: str, findings: list[Finding]) -> float:
    """The share of records in which the field is provided; 0 when it is absent."""
    if not rows.has(field):
        findings.append(_absent(rows, field))
        return 0.0
    values = rows.values(field)
    missing = [i for i, v in enumerate(values) if v is None or isinstance(v, Invalid)]
    findings.extend(_unfilled(rows, field, i, values[i]) for i in missing)
    return 1.0 - len(missing) / len(values) if values else 1.0


def check(params: Params, submission: Submission) -> CheckOutcome:
    """Score the share of required fields or cells provided."""
    rows = records(submission, params.sheet)
    is_table = isinstance(rows.source, Table)
    names = ", ".join(params.fields)
    expected = f"every record has {names}" if is_table else f"all of {names} filled in"
    if is_table and len(rows) < params.min_rows:
        finding = Finding(code="required_fields.too_few_rows", sheet=rows.name,
                          cell=rows.span(), message=f"'{rows.name}' has {len(rows)} records.",
                          expected=f"at least {params.min_rows}", actual=str(len(rows)))
        return CheckOutcome(score=0.0, findings=(finding,), measure=0.0,
                            measured=f"{len(rows)} records", expected=expected)
    findings: list[Finding] = []
    credits = [_credit(rows, field, findings) for field in params.fields]
    share = sum(credits) / len(credits)
    score = float(share >= 1.0) if params.all_or_nothing else share
    if is_table:
        measured = f"{pct(share)} of required cells filled"
    else:
        measured = f"{sum(credits):g} of {len(credits)} fields provided"
    return CheckOutcome(score=score, findings=tuple(findings), measure=share,
                        measured=measured, expected=expected)
