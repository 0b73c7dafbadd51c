"""The expected shape of a submission workbook: sheets, fields and their types."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from compliance.model.base import Identifier, ShortText, Strict, Text
from compliance.model.pattern import RegexText

FieldType = Literal[
    "text", "integer", "number", "percent", "date", "yes_no", "choice", "email", "url"
]

DEFAULT_NA_TOKENS = ("N/A", "NA", "n/a", "NR", "Not reported", "Data not available")
DEFAULT_SUPPRESSED_TOKENS = ("Suppressed", "Suppressed for data privacy purposes")
DEFAULT_DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%m-%d-%Y", "%d %b %Y", "%b %d, %Y")


class Code(Strict):
    """One allowed code of a `choice` field, with the spellings filers use for it."""

    code: ShortText
    label: ShortText | None = None
    aliases: tuple[ShortText, ...] = ()


class FieldSpec(Strict):
    """A labelled value on a form sheet, or a column of a table sheet."""

    id: Identifier
    label: ShortText = Field(description="Header text (table) or label text (form).")
    aliases: tuple[ShortText, ...] = ()
    type: FieldType = "text"
    required: bool = Field(default=False, description="The column or field must be present.")
    description: str = ""
    codes: tuple[Code | ShortText, ...] = Field(default=(), description=(
        "A choice field's allowed codes. On a text field, the spellings it knows: a label or "
        "alias is read as its code and any other text is kept as written."))
    min: float | None = None
    max: float | None = None
    pattern: RegexText | None = None
    allow_na: bool = Field(default=False, description="Accept the workbook's N/A tokens.")
    allow_suppressed: bool = Field(default=False, description="Accept a small-cell token.")

    @model_validator(mode="after")
    def _codes_only_for_choice(self) -> FieldSpec:
        if self.type == "choice" and not self.codes:
            raise ValueError("a choice field needs codes")
        if self.type not in ("choice", "text") and self.codes:
            raise ValueError("codes are only for choice and text fields")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min is greater than max")
        return self

    def code_list(self) -> tuple[Code, ...]:
        """Codes as `Code` objects whichever way they were written."""
        return tuple(c if isinstance(c, Code) else Code(code=c) for c in self.codes)


class SheetSpec(Strict):
    """A sheet the workbook should carry: a `form` of labelled values or a `table`."""

    id: Identifier
    name: ShortText
    aliases: tuple[ShortText, ...] = ()
    kind: Literal["form", "table"] = "table"
    required: bool = True
    description: str = ""
    member_data: bool = Field(
        default=False, description="Counts on this sheet describe members: shareable reports "
        "show counts of 1 to 10 drawn from it as <11.")
    header_row: Annotated[int, Field(ge=1, le=50)] | None = Field(
        default=None, description="1-based header row; found automatically when omitted."
    )
    fields: Annotated[tuple[FieldSpec, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _unique_field_ids(self) -> SheetSpec:
        seen: set[str] = set()
        for spec in self.fields:
            if spec.id in seen:
                raise ValueError(f"field id '{spec.id}' appears twice")
            seen.add(spec.id)
        return self

    def field(self, field_id: str) -> FieldSpec | None:
        """The field with this id, if the sheet declares it."""
        return next((f for f in self.fields if f.id == field_id), None)


class SheetPatch(Strict):
    """A child set's change to an inherited sheet: rename it, add aliases or fields."""

    name: ShortText | None = None
    aliases: tuple[ShortText, ...] = ()
    description: str | None = None
    add_fields: tuple[FieldSpec, ...] = ()
    replace_fields: tuple[FieldSpec, ...] = ()


class Identity(Strict):
    """Where the submission's identity lives, as `sheet_id.field_id` references."""

    mco_id: str = "cover.mco_id"
    mco_name: str = "cover.mco_name"
    state: str = "cover.state"
    program: str = "cover.program"
    period_start: str = "cover.period_start"
    period_end: str = "cover.period_end"
    submitted_on: str = "cover.submitted_on"


class WorkbookSpec(Strict):
    """Every sheet of the expected workbook and the tokens filers may use."""

    sheets: tuple[SheetSpec, ...] = ()
    sheet_overrides: dict[Identifier, SheetPatch] = Field(default_factory=dict)
    identity: Identity = Identity()
    na_tokens: tuple[ShortText, ...] = DEFAULT_NA_TOKENS
    suppressed_tokens: tuple[ShortText, ...] = DEFAULT_SUPPRESSED_TOKENS
    date_formats: tuple[ShortText, ...] = DEFAULT_DATE_FORMATS
    instructions: Text | None = None

    def sheet(self, sheet_id: str) -> SheetSpec | None:
        """The sheet with this id, if declared."""
        return next((s for s in self.sheets if s.id == sheet_id), None)

    def name_of(self, reference: str) -> str:
        """How a filer knows `sheet.field` (or `sheet.rows`): `Cover 'Plan covers LTSS'`."""
        sheet_id, _, field_id = reference.partition(".")
        sheet = self.sheet(sheet_id)
        if sheet is None:
            return reference.replace("_", " ").replace(".", " ")
        if field_id == "rows":
            return f"the number of rows on {sheet.name}"
        found = sheet.field(field_id)
        return f"{sheet.name} '{found.label if found else field_id}'"
