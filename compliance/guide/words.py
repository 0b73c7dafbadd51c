"""Phrases the guide's Markdown and HTML share, so both say the same thing."""

from __future__ import annotations

from compliance.evaluation.scoring import gate_rule
from compliance.guide.content import Entry, Guide


def standing(entry: Entry) -> str:
    """`Binding: counts toward the compliance score and the gate` or the advisory wording."""
    if entry.binding:
        return "Binding: counts toward the compliance score and the gate"
    return "Advisory: reported and scored apart, never decides the gate"


def basis(entry: Entry) -> str:
    """`illustrative (background knowledge)`: the basis and the confidence of its source."""
    return entry.basis + (f" ({entry.confidence})" if entry.confidence else "")


def basis_meaning(entry: Entry) -> str:
    """The basis as the reports' legend explains it, with the confidence of its source."""
    found = f"; confidence: {entry.confidence}" if entry.confidence else ""
    return entry.basis_meaning + found


def weighting(entry: Entry) -> str:
    """`severity major, weight 2`."""
    return f"severity {entry.severity}, weight {entry.weight:g}"


def gate(guide: Guide) -> str:
    """The set's pass rule, as the reports print it, and how much of the set binds."""
    return (f"{gate_rule(guide.pass_mark, guide.fail_on)} {guide.binding_count} of "
            f"{len(guide.entries)} requirements are binding.")


def scoring(entry: Entry) -> str:
    """How the requirement's checks combine into its status."""
    return (f"Each check scores 0 to 1 and {entry.combine}: 1 is met, 0 is not met, in "
            "between is partially met. Evidence a check needs but cannot read (a missing sheet "
            "or column, a blank count, a value that is not a number, date or code) makes the "
            "requirement incomplete: scored 0 and a gap.")
