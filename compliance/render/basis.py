"""How every report words a requirement's authority: its basis, confidence and force.

A plan reads "Healthy Louisiana 2021 MCO RFP" as settled authority unless the report
says otherwise, so each citation is printed with its basis and whether it binds, and
each report carries a legend for the bases it shows.
"""

from __future__ import annotations

from collections.abc import Iterable

from compliance.evaluation.results import RequirementResult

_CONFIDENCE = {"T": "source text read", "S": "secondary source", "B": "background knowledge"}

LEGEND = {
    "statute": "statute: binding; the figure is read from the statute",
    "regulation": "regulation: binding; the figure is read from the regulation",
    "contract": "contract: binding; the figure is read from the state's contract",
    "guidance": "guidance: binding; the figure is read from the state's published guidance",
    "structural": "structural: binding; the workbook layout the state requires, no policy figure",
    "illustrative": "illustrative: advisory; a default figure the state has not adopted; "
                    "reported, never enforced",
    "unverified": "unverified: advisory; taken from a secondary source; confirm against the "
                  "contract before enforcing",
}


def force(binding: bool) -> str:
    """`binding` or `advisory`."""
    return "binding" if binding else "advisory"


def basis_text(result: RequirementResult) -> str:
    """`contract, source text read; binding` or `unverified, secondary source; advisory`."""
    confidence = _CONFIDENCE.get(result.confidence or "")
    what = f"{result.basis}, {confidence}" if confidence else result.basis
    return f"{what}; {force(result.binding)}"


def legend(results: Iterable[RequirementResult]) -> tuple[str, ...]:
    """One line per basis the results use, binding ones first."""
    used = {r.basis for r in results}
    return tuple(line for basis, line in LEGEND.items() if basis in used)
