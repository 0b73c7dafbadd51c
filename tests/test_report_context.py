"""The report context, the small-count rule and the templates' contract with the context."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from jinja2 import meta, nodes

from compliance.evaluation.results import Finding
from compliance.render import context as context_module
from compliance.render import findings as findings_module
from compliance.render.context import ReportContext, build_context
from compliance.render.findings import cell_list, finding_rows
from compliance.render.html import TEMPLATE, environment
from compliance.render.suppress import (
    report_context,
    suppress_context,
    suppress_finding,
    suppress_text,
)
from tests.goldenfiles import Case, result_for

MINIMAL = Path(__file__).parent / "fixtures" / "sets" / "minimal.yaml"


def _report_templates() -> list[str]:
    """The gap report's template and every partial it includes."""
    env, found, todo = environment(), [], [TEMPLATE]
    while todo:
        name = todo.pop()
        found.append(name)
        tree = env.parse(env.loader.get_source(env, name)[0])  # type: ignore[union-attr]
        todo += [t for t in meta.find_referenced_templates(tree) if t and t not in found]
    return sorted(found)


TEMPLATES = _report_templates()


@pytest.mark.parametrize(("text", "expected"), [
    ("CAC-1: 40% (4 of 10) against a target of >= 51%.",
     "CAC-1: 40% (<11 of <11) against a target of >= 51%."),
    ("16% (4 of 25)", "16% (<11 of 11+)"),            # the share would give 4 back
    ("80% (20 of 25 records valid)", "80% (20 of 25 records valid)"),  # entries, not members
    ("100% (3 of 3 ids resolved)", "100% (3 of 3 ids resolved)"),
    ("75% (3 of 4 keys present)", "75% (3 of 4 keys present)"),
    ("50% (1 of 2 dates in the window)", "50% (1 of 2 dates in the window)"),
    ("2 of 4 members", "<11 of <11 members"),
    ("0% (0 of 40)", "0% (0 of 40)"),                  # zero reveals no member
    ("3.2% (5 / 156)", "3.2% (<11 / 11+)"),
    ("Total does not hold: 8 vs 9.", "Total does not hold: <11 vs <11."),
    ("5 of 5 fields provided", "5 of 5 fields provided"),  # template fields, not members
    ("CAC-1, 2026-Q1: 1 row, expected >= 2.", "CAC-1, 2026-Q1: 1 row, expected >= 2."),
    ("3 records", "3 records"),
    ("3 members", "<11 members"),
    ("12 rows (lowest of 2)", "12 rows (lowest of 2)"),
    ("missing at B2, B3 and 4 more.", "missing at B2, B3 and 4 more."),
    ("Count total is 1,200", "Count total is 1,200"),
    ("Date 2026-03-07 is after 2026-03-31.", "Date 2026-03-07 is after 2026-03-31."),
    ("Sheet!B7:B9 of 3.5", "Sheet!B7:B9 of 3.5"),
    ("96.8% complete (3.2% unknown)", "96.8% complete (3.2% unknown)"),
])
def test_suppress_text(text: str, expected: str) -> None:
    assert suppress_text(text) == expected


def test_a_small_actual_value_is_withheld_in_the_message_too() -> None:
    message, actual = suppress_finding("Count '7': expected >= 11 in CAC-7.", "7")
    assert (message, actual) == ("Count '<11': expected >= 11 in CAC-7.", "<11")
    assert suppress_finding("Count is 0.", "0") == ("Count is 0.", "0")
    assert suppress_finding("Role 'x': not a code.", "x") == ("Role 'x': not a code.", "x")


def test_counts_of_entries_are_never_withheld() -> None:
    message = "CAC-2, 2026-Q1: 0 rows on CAC_Meetings, expected >= 1."
    assert suppress_finding("CAC-2: 3 rows on CAC_Meetings.", "3", "row_count.too_few") == (
        "CAC-2: 3 rows on CAC_Meetings.", "3")
    assert suppress_finding(message, "0", "row_count.too_few") == (message, "0")
    distinct = "number of distinct 'Language' on Translated_Materials is 4, expected >= 15."
    assert suppress_finding(distinct, "4", "aggregate.below") == (distinct, "4")
    claims = "sum of 'Claims paid' on THW_Utilization is 4, expected >= 11."
    assert suppress_finding(claims, "4", "aggregate.below")[1] == "<11"


def test_scores_requirement_counts_and_targets_are_never_suppressed(tmp_path: Path) -> None:
    doc = result_for(Case("x", MINIMAL, "failing"), tmp_path)
    plain, withheld = build_context(doc), report_context(doc, suppress=True)
    assert withheld.suppressed and not plain.suppressed
    assert withheld.status_rows == plain.status_rows
    assert withheld.domains == plain.domains and withheld.score == plain.score
    row = withheld.gap_groups[0].gaps[0].findings[0]
    assert row.examples[0].message == (
        "CAC-1: 40% (<11 of <11) meet 'Role is one of Current enrollee, Former enrollee or "
        "Caregiver', against a target of at least 51%.")
    assert row.expected == "at least 51%"
    assert report_context(doc, suppress=False) == plain


def test_gaps_are_grouped_by_domain_most_severe_first(tmp_path: Path) -> None:
    ctx = build_context(result_for(Case("x", MINIMAL, "failing"), tmp_path))
    assert [g.domain for g in ctx.gap_groups] == ["Community engagement", "Demographic data"]
    assert [gap.id for gap in ctx.gap_groups[0].gaps] == ["ADV-01", "ADV-04"]
    assert [s.status for s in ctx.settled] == ["met", "not_applicable", "not_applicable"]
    assert ctx.settled[1].detail == "applies only when Cover 'Enrollment' is more than 100000"


def test_findings_of_one_code_become_one_row_with_capped_cells() -> None:
    findings = [Finding(code="valid_values.invalid", message=f"Role 'x{i}': not a code.",
                        sheet="Roster", cell=f"B{i + 2}") for i in range(40)]
    findings.append(Finding(code="valid_values.blank", message="Role is blank.", sheet="Roster",
                            cell="B99"))
    rows = finding_rows(findings)
    assert [(r.code, r.count) for r in rows] == [("valid_values.invalid", 40),
                                                  ("valid_values.blank", 1)]
    first = rows[0]
    assert len(first.examples) == findings_module.MAX_EXAMPLES and first.similar == 37
    assert first.cells.startswith("Roster!B2, B3, B4") and first.cells_more == 40 - 12


def test_a_row_names_what_each_shown_finding_expected() -> None:
    findings = [Finding(code="coverage.missing", message=f"No row for County {c}.",
                        sheet="Workforce", expected=f"a row for County {c}")
                for c in ("Marion", "Polk", "Marion", "Yamhill", "Lane")]
    row = finding_rows(findings)[0]
    assert row.expected == "a row for County Marion; a row for County Polk"
    same = finding_rows([Finding(code="x.below", message="m", sheet="S", expected=">= 1")] * 2)
    assert same[0].expected == "at least 1"


def test_markdown_runs_messages_on_as_sentences() -> None:
    from compliance.render.markdown import _found

    findings = [Finding(code="c", message="No row for A.", sheet="S"),
                Finding(code="c", message="No row for B", sheet="S")]
    assert _found(finding_rows(findings)[0]) == "No row for A. No row for B."


def test_cell_list_names_each_sheet_once_per_run() -> None:
    findings = [Finding(code="c", message="m", sheet="A", cell="B1"),
                Finding(code="c", message="m", sheet="A", cell="B2"),
                Finding(code="c", message="m", sheet="B b", cell="C3"),
                Finding(code="c", message="m", sheet="A", cell="B2"),  # a repeat
                Finding(code="c", message="m", sheet="C")]
    assert cell_list(findings) == ("A!B1, B2, B b!C3, C", 0)


def _fields_of_context_types() -> set[str]:
    names: set[str] = set()
    for module in (context_module, findings_module):
        for value in vars(module).values():
            if dataclasses.is_dataclass(value) and isinstance(value, type):
                names |= {f.name for f in dataclasses.fields(value)}
    return names


def _loop_names(tree: nodes.Template) -> set[str]:
    targets = [loop.target for loop in tree.find_all(nodes.For)]
    return {n.name for target in targets
            for n in [target, *target.find_all(nodes.Name)] if isinstance(n, nodes.Name)}


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_template_variable_is_a_report_context_field(template: str) -> None:
    env = environment()
    source = env.loader.get_source(env, template)[0]  # type: ignore[union-attr]
    tree = env.parse(source)
    all_trees = [env.parse(env.loader.get_source(env, t)[0])  # type: ignore[union-attr]
                 for t in TEMPLATES]
    loops = set().union(*map(_loop_names, all_trees)) | {"loop"}
    top_level = {f.name for f in dataclasses.fields(ReportContext)}
    names = {n.name for n in tree.find_all(nodes.Name) if n.ctx == "load"}
    assert names - top_level - loops == set()
    attributes = {n.attr for n in tree.find_all(nodes.Getattr)} - {"index0", "index"}
    assert attributes - _fields_of_context_types() == set()


def test_every_context_field_is_shown_by_the_html_report() -> None:
    env = environment()
    sources = " ".join(env.loader.get_source(env, t)[0]  # type: ignore[union-attr]
                       for t in TEMPLATES)
    unused = [f.name for f in dataclasses.fields(ReportContext)
              if not re.search(rf"\b{f.name}\b", sources)]
    assert unused == []


def test_suppress_context_changes_only_measured_text(tmp_path: Path) -> None:
    ctx = build_context(result_for(Case("x", MINIMAL, "failing"), tmp_path))
    withheld = suppress_context(ctx)
    assert dataclasses.replace(withheld, gap_groups=ctx.gap_groups, settled=ctx.settled,
                               suppressed=False) == ctx


def test_a_check_is_named_alike_in_every_report() -> None:
    from compliance.evaluation.results import CheckSummary

    def summary(**kw: str | None) -> CheckSummary:
        return CheckSummary(type="row_count", score=1.0, **{"description": "row_count", **kw})

    assert summary(id="meetings_per_quarter").name == "Meetings per quarter"
    assert summary(description="Every meeting is on the roster.").name == \
        "Every meeting is on the roster"
    assert summary().name == "Row count"


def test_only_requirements_reading_member_data_are_suppressed(tmp_path: Path) -> None:
    ctx = build_context(result_for(Case("x", MINIMAL, "failing"), tmp_path))
    adv = next(g for group in ctx.gap_groups for g in group.gaps if g.id == "ADV-01")
    assert adv.member_data and "4 of 10" in adv.findings[0].examples[0].message
    plain = dataclasses.replace(adv, member_data=False)
    group = dataclasses.replace(ctx.gap_groups[0], gaps=(adv, plain))
    withheld = suppress_context(dataclasses.replace(ctx, gap_groups=(group,)))
    member, other = withheld.gap_groups[0].gaps
    assert "<11 of <11" in member.findings[0].examples[0].message
    assert "4 of 10" in other.findings[0].examples[0].message
