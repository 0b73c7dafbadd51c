"""Gaps between a group's rate and a reference rate, for the `disparity` check."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from compliance.checks.base import as_number, pct
from compliance.checks.records import Records, key, shown
from compliance.checks.strata import Group, StratifiedSheet, grouped, rate_of
from compliance.evaluation.results import Finding

_EPSILON = 1e-9
GapKey = tuple[str, str, str]


class GapRule(Protocol):
    """The `disparity` options that decide which groups are compared and how."""

    @property
    def measures(self) -> list[str]: ...  # noqa: D102 - mirrors the check's options
    @property
    def stratifiers(self) -> list[str]: ...  # noqa: D102
    @property
    def reference(self) -> str: ...  # noqa: D102
    @property
    def min_denominator(self) -> int: ...  # noqa: D102
    @property
    def higher_is_better(self) -> bool: ...  # noqa: D102
    @property
    def max_gap(self) -> float | None: ...  # noqa: D102
    @property
    def max_relative_gap(self) -> float | None: ...  # noqa: D102
    @property
    def improvement(self) -> float | None: ...  # noqa: D102


@dataclass(frozen=True)
class Gap:
    """One group compared with the reference."""

    ident: GapKey
    label: str
    row: int
    rate: float
    reference: float
    gap: float

    @property
    def relative(self) -> float:
        """The gap as a share of the reference rate (0 for a zero reference)."""
        return self.gap / self.reference if self.reference else 0.0


def points(value: float) -> str:
    """0.124 -> '12.4 points'."""
    text = f"{value * 100:.1f}"
    text = text[:-2] if text.endswith(".0") else text
    return f"{text} point" if text == "1" else f"{text} points"


def _wanted(rows: Records, cols: StratifiedSheet, rule: GapRule, group: Group) -> bool:
    first = group.strata[0]
    measure = key(rows.values(cols.measure)[first])
    stratifier = key(rows.values(cols.stratifier)[first])
    return (not rule.measures or measure in {key(m) for m in rule.measures}) and \
        stratifier in {key(s) for s in rule.stratifiers}


def _large(rows: Records, cols: StratifiedSheet, rule: GapRule, i: int) -> bool:
    denominator = as_number(rows.values(cols.denominator)[i])
    return denominator is not None and denominator >= rule.min_denominator


def _reference(rows: Records, cols: StratifiedSheet, rule: GapRule,
               group: Group) -> tuple[float | None, int | None]:
    """The reference rate and, for a reference stratum, its row."""
    if key(rule.reference) == "plan":
        return (None if group.total is None else rate_of(rows, cols, group.total)), None
    strata = rows.values(cols.stratum)
    for i in group.strata:
        if key(strata[i]) == key(rule.reference) and _large(rows, cols, rule, i):
            return rate_of(rows, cols, i), i
    return None, None


def gaps(rows: Records, cols: StratifiedSheet, rule: GapRule) -> list[Gap]:
    """Every stratum large enough to compare, with its gap to the reference."""
    found = []
    strata = rows.values(cols.stratum)
    for group in grouped(rows, cols):
        if not _wanted(rows, cols, rule, group):
            continue
        reference, skip = _reference(rows, cols, rule, group)
        if reference is None:
            continue
        for i in group.strata:
            rate = rate_of(rows, cols, i)
            if i == skip or rate is None or not _large(rows, cols, rule, i):
                continue
            ident = (key(rows.values(cols.measure)[i]), key(rows.values(cols.stratifier)[i]),
                     key(strata[i]))
            behind = reference - rate if rule.higher_is_better else rate - reference
            found.append(Gap(ident=ident, label=f"{group.label}, {shown(strata[i])}", row=i,
                             rate=rate, reference=reference, gap=behind))
    return found


def baseline_gaps(rows: Records, cols: StratifiedSheet, rule: GapRule) -> dict[GapKey, float]:
    """The baseline period's gaps by measure, stratifier and stratum."""
    return {gap.ident: gap.gap for gap in gaps(rows, cols, rule)}


def _target(rule: GapRule) -> str:
    parts = []
    if rule.max_gap is not None:
        parts.append(f"a gap of at most {points(rule.max_gap)}")
    if rule.max_relative_gap is not None:
        parts.append(f"a relative gap of at most {pct(rule.max_relative_gap)}")
    wanted = " and ".join(parts)
    if rule.improvement is not None:
        narrowed = f"a gap narrowed by at least {points(rule.improvement)} since the baseline"
        wanted = f"{wanted}, or {narrowed}" if wanted else narrowed
    return wanted


def _within(rule: GapRule, gap: Gap) -> bool:
    if rule.max_gap is None and rule.max_relative_gap is None:
        return False
    return (rule.max_gap is None or gap.gap <= rule.max_gap + _EPSILON) and (
        rule.max_relative_gap is None or gap.relative <= rule.max_relative_gap + _EPSILON)


def judge(rows: Records, cols: StratifiedSheet, rule: GapRule, gap: Gap,
          before: dict[GapKey, float]) -> Finding | None:
    """A finding when the group's gap misses the target, else None."""
    earlier = before.get(gap.ident)
    narrowed = rule.improvement is not None and earlier is not None and \
        earlier - gap.gap >= rule.improvement - _EPSILON
    if gap.gap <= _EPSILON or _within(rule, gap) or narrowed:
        return None
    side = "below" if rule.higher_is_better else "above"
    named = "the plan rate" if key(rule.reference) == "plan" else f"{rule.reference}'s rate"
    history = "" if rule.improvement is None else (
        "; no baseline to compare with" if earlier is None else
        f"; the baseline gap was {points(earlier)}")
    column = cols.rate or cols.numerator
    return Finding(
        code="disparity.gap", sheet=rows.name, cell=rows.cell(column, gap.row),
        expected=_target(rule), actual=points(gap.gap) + history.replace(";", ","),
        message=f"{gap.label}: the rate {pct(gap.rate)} is {points(gap.gap)} {side} "
                f"{named} ({pct(gap.reference)}; a relative gap of {pct(gap.relative)}){history}."
                f" The target is {_target(rule)}.")
