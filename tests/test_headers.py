"""Header matching: the spellings remembered per field are those the field declares."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from compliance.model.workbook import FieldSpec
from compliance.reader import headers
from compliance.reader.headers import header_score, spellings
from compliance.reader.values import normalize

FIELDS = (FieldSpec(id="member_id", label="Member ID", aliases=("Medicaid ID",)),
          FieldSpec(id="role", label="Role"),
          FieldSpec(id="county", label="County of residence", aliases=("County",)))


def test_equal_fields_and_the_same_field_get_the_same_spellings() -> None:
    twin = FieldSpec(id="member_id", label="Member ID", aliases=("Medicaid ID",))
    assert spellings(FIELDS[0]) == spellings(twin) == {"member id", "medicaid id"}
    assert spellings(FIELDS[0]) is spellings(FIELDS[0])


def test_spellings_stay_right_past_the_remembered_limit() -> None:
    many = [FieldSpec(id=f"f{n}", label=f"Field {n}") for n in range(headers.MAX_REMEMBERED + 5)]
    assert all(spellings(spec) == {f"field {n}", f"f{n}"} for n, spec in enumerate(many))
    assert spellings(FIELDS[1]) == {"role"}


_texts = st.sampled_from(["Member ID", "medicaid  id", "ROLE", "County", "county of residence",
                          "Notes", "", "Role ", "member_id", "Mbr ID"])


@given(st.lists(_texts, max_size=8))
def test_a_header_row_scores_the_headers_that_name_a_field(row: list[str]) -> None:
    names = [spellings(spec) for spec in FIELDS]
    expected = sum(1 for text in map(normalize, row) if text and any(text in n for n in names))
    assert header_score(row, FIELDS) == expected
