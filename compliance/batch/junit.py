"""`junit.xml` of a batch: one test suite per file, one test case per requirement.

CI dashboards read one file per run. A requirement not met, partially met or in error
fails its case (any other gap status too); one not applicable or waived is skipped. A
file that could not be checked is a suite with one case in error, so it is never
missing from the count. Values come from submissions, so the document is built with
ElementTree, which escapes them, after replacing characters XML 1.0 cannot hold.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from compliance.batch.summary import BatchSummary, Entry, RequirementRow
from compliance.evaluation.results import Status
from compliance.render.junit import xml_text

SKIPPED = frozenset({Status.NOT_APPLICABLE, Status.WAIVED})


def _case(entry: Entry, row: RequirementRow) -> ET.Element:
    case = ET.Element("testcase", classname=xml_text(f"{entry.file}.{row.domain}"),
                      name=xml_text(f"{row.id} {row.title}"), time="0")
    status = row.status.value.replace("_", " ")
    if row.status in SKIPPED:
        ET.SubElement(case, "skipped", message=xml_text(status))
    elif row.status != Status.MET:
        kind = "error" if row.status == Status.ERROR else "failure"
        outcome = ET.SubElement(case, kind, message=xml_text(
            f"{status} ({row.severity})" + (f": {row.measured}" if row.measured else "")),
            type=row.status.value)
        outcome.text = xml_text("\n".join((*(row.notes), f"report: {_report(entry)}")))
    return case


def _report(entry: Entry) -> str:
    return entry.reports.get("html") or entry.reports.get("json") or "none"


def _unchecked(entry: Entry) -> ET.Element:
    case = ET.Element("testcase", classname=xml_text(entry.file),
                      name="could not be checked", time="0")
    ET.SubElement(case, "error", message=xml_text(entry.error or ""), type="not_checked")
    return case


def _suite(entry: Entry, timestamp: str) -> ET.Element:
    cases = ([_case(entry, row) for row in entry.requirements] if entry.error is None
             else [_unchecked(entry)])
    suite = ET.Element("testsuite", {"name": xml_text(entry.file), "timestamp": timestamp,
                                     "time": "0", **_counts(cases)})
    properties = ET.SubElement(suite, "properties")
    for name, value in (("mco_id", entry.mco_id), ("set", entry.set_id),
                        ("score", None if entry.score is None else f"{entry.score:g}"),
                        ("gate", entry.outcome), ("report", _report(entry))):
        ET.SubElement(properties, "property", name=name, value=xml_text(value or ""))
    suite.extend(cases)
    return suite


def _counts(cases: list[ET.Element]) -> dict[str, str]:
    def tally(kind: str) -> str:
        return str(sum(1 for case in cases if case.find(kind) is not None))

    return {"tests": str(len(cases)), "failures": tally("failure"), "errors": tally("error"),
            "skipped": tally("skipped")}


def render_batch_junit(summary: BatchSummary) -> str:
    """The combined JUnit XML of a batch."""
    suites = [_suite(entry, summary.generated_at) for entry in summary.submissions]
    totals = {key: str(sum(int(s.get(key, "0")) for s in suites))
              for key in ("tests", "failures", "errors", "skipped")}
    root = ET.Element("testsuites", {"name": "compliance batch", **totals})
    root.extend(suites)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
