"""Phrases the guide's Markdown and HTML share, so both say the same thing."""

from __future__ import annotations

from compliance.guide.content import Entry, Guide


def standing(entry: Entry) -> str:
    """`Binding: decides the gate and the compliance score` or the advisory wording."""
    if entry.binding:
        return "Binding: counts toward the compliance score and can decide the pass or fail"
    return "Advisory: scored separately, never decides the pass or fail"


def basis(entry: Entry) -> str:
    """`regulation (confidence T)`."""
    return entry.basis + (f" (confidence {entry.confidence})" if entry.confidence else "")


def weighting(entry: Entry) -> str:
    """`severity major, weight 2`."""
    return f"severity {entry.severity}, weight {entry.weight:g}"


def gate(guide: Guide) -> str:
    """The set's pass rule in words."""
    return (f"A filing passes when no binding requirement of severity {guide.fail_on} or "
            f"worse is not met and its compliance score is at least {guide.pass_mark:g}. "
            f"{guide.binding_count} of {len(guide.entries)} requirements are binding.")


def scoring(entry: Entry) -> str:
    """How the requirement's checks combine into its status."""
    return (f"Each check scores 0 to 1 and {entry.combine}: 1 is met, 0 is not met, in "
            "between is partially met. Evidence the checker cannot find scores 0.")
