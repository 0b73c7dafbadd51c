"""The short verdict of one workbook: a line for the gate, a line per gap.

For places where a whole report is too much, such as the output of a pre-commit hook
beside a commit: each gap names its requirement, severity and status, and the first
finding with its cell, so the filer knows where to look.
"""

from __future__ import annotations

from collections.abc import Iterator

from compliance.evaluation.document import ResultDocument
from compliance.evaluation.results import Status
from compliance.render.suppress import suppress_finding

SETTLED = frozenset({Status.MET, Status.NOT_APPLICABLE, Status.WAIVED})


def brief_lines(doc: ResultDocument, source: str, *, suppress: bool = True) -> Iterator[str]:
    """`source: PASS 96.09 (oregon-cco 2026.1)` then one indented line per gap."""
    summary, rs = doc.summary, doc.requirement_set
    score = "n/a" if summary.score is None else f"{summary.score:g}"
    gaps = [r for r in doc.requirements if r.status not in SETTLED]
    verdict = "PASS" if summary.passed else "FAIL"
    yield (f"{source}: {verdict} {score} ({rs.id} {rs.version}), "
           f"{len(gaps)} gap{'' if len(gaps) == 1 else 's'}")
    for reason in summary.gate.reasons:
        yield f"  gate: {reason}"
    for result in gaps:
        status = result.status.value.replace("_", " ")
        line = f"  {result.id} ({result.severity}, {status}) {result.title}"
        if result.findings:
            first = result.findings[0]
            message = (suppress_finding(first.message, first.actual)[0] if suppress
                       else first.message)
            line += f": {message}" + (f" [{first.location}]" if first.location else "")
        elif result.reason:
            line += f": {result.reason}"
        yield line
