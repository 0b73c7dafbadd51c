"""JUnit XML: one test case per requirement, for CI dashboards.

A requirement not met or partially met is a failure, one in error is an error (the
check could not show compliance), and one not applicable or waived is skipped. The
document is built with ElementTree, which escapes every value; characters XML 1.0
cannot carry (control characters from a cell) are replaced first.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from compliance.evaluation.document import ResultDocument
from compliance.evaluation.results import RequirementResult, Status
from compliance.render.suppress import suppress_finding

MAX_LISTED = 20
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_OUTCOME = {Status.NOT_MET: "failure", Status.PARTIALLY_MET: "failure",
            Status.INCOMPLETE: "failure", Status.ERROR: "error",
            Status.NOT_APPLICABLE: "skipped", Status.WAIVED: "skipped"}


def xml_text(text: object) -> str:
    """The text with characters XML 1.0 cannot carry replaced."""
    return _NOT_XML.sub("\ufffd", str(text))


def _lines(result: RequirementResult, suppress: bool) -> list[str]:
    lines = []
    for finding in result.findings[:MAX_LISTED]:
        message = suppress_finding(finding.message, finding.actual)[0] if suppress else (
            finding.message)
        lines.append(f"- {message}" + (f" [{finding.location}]" if finding.location else ""))
    unlisted = max(result.findings_total, len(result.findings)) - len(lines)
    if unlisted > 0:
        lines.append(f"  and {unlisted:,} more findings")
    return lines


def _outcome(result: RequirementResult, suppress: bool) -> ET.Element | None:
    kind = _OUTCOME.get(result.status)
    if kind is None:
        return None
    lines = _lines(result, suppress)
    if kind == "skipped":
        reason = result.reason or result.status.value.replace("_", " ")
        return ET.Element(kind, message=xml_text(reason))
    first = lines[0][2:] if lines else (result.reason or result.status.value)
    element = ET.Element(kind, message=xml_text(first), type=result.status.value)
    body = [f"{result.status.value.replace('_', ' ')} ({result.severity}), {result.citation}",
            *lines, f"What to do: {result.remediation}"]
    element.text = xml_text("\n".join(body))
    return element


def _case(result: RequirementResult, suppress: bool) -> ET.Element:
    case = ET.Element("testcase", classname=xml_text(result.domain),
                      name=xml_text(f"{result.id} {result.title}"), time="0")
    outcome = _outcome(result, suppress)
    if outcome is not None:
        case.append(outcome)
    return case


def _properties(doc: ResultDocument) -> ET.Element:
    rs, sub = doc.requirement_set, doc.submission
    values = {"tool_version": doc.tool.version, "requirement_set": rs.id,
              "requirement_set_version": rs.version, "requirement_set_sha256": rs.sha256,
              "workbook": sub.file, "workbook_sha256": sub.sha256,
              "score": "n/a" if doc.summary.score is None else f"{doc.summary.score:g}",
              "gate": "pass" if doc.summary.passed else "fail"}
    properties = ET.Element("properties")
    for name, value in values.items():
        ET.SubElement(properties, "property", name=name, value=xml_text(value))
    return properties


def render_junit(doc: ResultDocument, *, suppress: bool = True) -> str:
    """The JUnit XML report of a result document."""
    cases = [_case(r, suppress) for r in doc.requirements]
    tally = {kind: sum(1 for c in cases if c.find(kind) is not None)
             for kind in ("failure", "error", "skipped")}
    counts = {"tests": str(len(cases)), "failures": str(tally["failure"]),
              "errors": str(tally["error"]), "skipped": str(tally["skipped"])}
    rs = doc.requirement_set
    name = xml_text(f"{rs.id} {rs.version}: {doc.submission.file}")
    root = ET.Element("testsuites", {"name": name, **counts})
    suite = ET.SubElement(root, "testsuite", {"name": name, "timestamp": doc.generated_at,
                                              "time": "0", **counts})
    suite.append(_properties(doc))
    suite.extend(cases)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
