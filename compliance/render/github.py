"""GitHub Actions annotations: one line per gap, pointing at the workbook and its cell.

A workflow step's output lines of the form `::error file=PATH,title=TITLE::MESSAGE` are
shown on the run's summary page and, when PATH is part of the pull request, beside the
file. A workbook has no line numbers, so the cell goes into the title and the message
(`ADV-01 at Committee_Roster!C3`). Gaps of critical and major requirements are errors,
minor ones warnings, informational ones notices; the gate's verdict closes the list.

Messages carry text from the submission, so every `%`, carriage return and line feed is
escaped as GitHub's workflow commands require (and `:` and `,` inside properties): no
cell value can end the line and start a command of its own.
"""

from __future__ import annotations

from collections.abc import Iterator

from compliance.evaluation.document import ResultDocument
from compliance.evaluation.results import RequirementResult, Status
from compliance.render.suppress import suppress_finding

MAX_PER_REQUIREMENT = 10
SETTLED = frozenset({Status.MET, Status.NOT_APPLICABLE, Status.WAIVED})
LEVELS = {"critical": "error", "major": "error", "minor": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """A message, safe after `::`."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (file, title), safe inside `key=value,` pairs."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(level: str, file: str, title: str, message: str) -> str:
    """One workflow command line."""
    return (f"::{level} file={escape_property(file)},title={escape_property(title)}::"
            f"{escape_data(message)}")


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _lines(result: RequirementResult, file: str, suppress: bool) -> Iterator[str]:
    level = LEVELS.get(result.severity, "error")
    status = result.status.value.replace("_", " ")
    head = f"{result.id} {result.title} ({status}, {result.severity})"
    shown = result.findings[:MAX_PER_REQUIREMENT]
    for finding in shown:
        message = suppress_finding(finding.message, finding.actual)[0] if suppress else (
            finding.message)
        where = f" at {finding.location}" if finding.location else ""
        yield annotation(level, file, f"{result.id}{where}",
                         f"{head}{where}: {_sentence(message)} What to do: {result.remediation}")
    unlisted = max(result.findings_total, len(result.findings)) - len(shown)
    if not shown or unlisted > 0:
        more = f"{unlisted:,} more findings; see the report" if shown else (
            result.reason or "see the report")
        yield annotation(level, file, result.id,
                         f"{head}: {_sentence(more)} What to do: {result.remediation}")


def render_github(doc: ResultDocument, *, source: str | None = None,
                  suppress: bool = True) -> str:
    """Annotation lines for every gap, then the verdict; `source` is the path as given."""
    file = source or doc.submission.file
    lines = [line for result in doc.requirements if result.status not in SETTLED
             for line in _lines(result, file, suppress)]
    summary = doc.summary
    score = "n/a" if summary.score is None else f"{summary.score:g}"
    verdict = "PASS" if summary.passed else "FAIL"
    reasons = "; ".join(summary.gate.reasons)
    lines.append(annotation("notice" if summary.passed else "error", file,
                            f"Compliance {verdict}",
                            f"{doc.requirement_set.id}: score {score}, {verdict}"
                            + (f" ({reasons})" if reasons else "")))
    return "\n".join(lines) + "\n"
