"""Result documents built directly, for report tests that need unusual shapes."""

from __future__ import annotations

from pathlib import Path

from compliance.evaluation.document import ResultDocument
from compliance.evaluation.results import Finding, RequirementResult, Status
from tests.goldenfiles import Case, result_for

MINIMAL = Path(__file__).parent / "fixtures" / "sets" / "minimal.yaml"


def failing_doc(tmp_path: Path) -> ResultDocument:
    """The minimal set's result for the `failing` workbook, normalised."""
    return result_for(Case("failing", MINIMAL, "failing"), tmp_path)


def with_requirements(doc: ResultDocument, *extra: RequirementResult) -> ResultDocument:
    """`doc` with `extra` requirement results added after its own."""
    return doc.model_copy(update={"requirements": (*doc.requirements, *extra)})


def requirement(rid: str, status: Status, findings: list[Finding], *, total: int | None = None,
                reason: str | None = None, domain: str = "demographic_data") -> RequirementResult:
    """A requirement result with the given findings (and a larger count, when `total`)."""
    return RequirementResult(
        id=rid, title=f"Requirement {rid}", domain=domain, severity="major", weight=1,
        citation="Test 1.1", basis="illustrative", remediation="Fix the rows.", status=status,
        score=None if status in (Status.NOT_APPLICABLE, Status.WAIVED) else 0.0, reason=reason,
        findings=tuple(findings), findings_total=len(findings) if total is None else total)


def row_findings(count: int, prefix: str = "Role") -> list[Finding]:
    """`count` row-level findings of two codes on a roster sheet."""
    return [Finding(code="valid_values.invalid" if i % 3 else "valid_values.blank",
                    message=f"{prefix} 'bad{i}': not one of the listed codes.",
                    sheet="Committee_Roster", cell=f"B{i + 2}", expected="a valid Role",
                    actual=f"bad{i}") for i in range(count)]


def large_doc(tmp_path: Path, findings: int = 10_000, per_requirement: int = 200) -> ResultDocument:
    """The failing result plus requirements carrying `findings` stored findings in all."""
    extra = [requirement(f"BULK-{n:03d}", Status.NOT_MET, row_findings(per_requirement),
                         total=per_requirement * 5)
             for n in range(findings // per_requirement)]
    return with_requirements(failing_doc(tmp_path), *extra)
