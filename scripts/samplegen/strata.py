"""Stratified measures that add up, their baseline year and the withhold earn-back.

Each measure has a total; every stratifier splits the total's denominator and numerator
exactly, so strata reconcile. A row with a count from 1 to 10 is suppressed whole, and
a second row of the same stratifier when one would be the only suppressed row (so the
total cannot give it away).
"""

from __future__ import annotations

import random

from samplegen.build import RACE_SHARES, Filing, Row, knob, split
from samplegen.profiles import Plan

MEASURES = ("W30-CH", "WCV-CH", "OEV-CH", "FUH-CH", "PPC2-CH")
EQUITY_PRIORITY = ("W30-CH", "WCV-CH", "PPC2-CH")
ELIGIBLE = {"W30-CH": 0.02, "WCV-CH": 0.3, "OEV-CH": 0.2, "FUH-CH": 0.006, "PPC2-CH": 0.015}
RACE = {"white": 0.62, "black": 0.1, "asian": 0.07, "aian": 0.035, "nhpi": 0.012, "mena": 0.012,
        "multiracial": 0.06, "unknown": 0.091}
ETHNICITY = {"hispanic": 0.2, "not_hispanic": 0.76, "unknown": 0.04}
LANGUAGE = {"English": 0.82, "Spanish": 0.11, "Other": 0.07}
DISABILITY = {"yes": 0.14, "no": 0.82, "unknown": 0.04}
RACE_STRATIFIERS = ("race_eth", "race", "ethnicity")
BASELINE_YEARS_BACK = 3
Factors = dict[tuple[str, str], float]


def _partitions(plan: Plan, measure: str) -> dict[str, dict[str, float]]:
    """Each stratifier's strata and their shares of the measure's members."""
    found = {"race_eth": {**RACE_SHARES, "unknown": 0.04}, "race": RACE, "ethnicity": ETHNICITY,
             "geography": {c.name: c.share for c in plan.counties}}
    if measure != "PPC2-CH":  # prenatal and postpartum care is not asked by sex
        found["sex"] = {"female": 0.52, "male": 0.48}
    if measure in EQUITY_PRIORITY:
        found.update(language=LANGUAGE, disability=DISABILITY)
    return found


def _factors(plan: Plan, rng: random.Random, measure: str) -> Factors:
    """How far each stratum's rate sits from the plan rate (1 = the plan rate)."""
    behind = knob(plan, "disparity_factor", 0.0)
    factors = {}
    for stratifier, strata in _partitions(plan, measure).items():
        for stratum in strata:
            factor = rng.uniform(0.93, 1.05)
            if behind and measure in EQUITY_PRIORITY and stratum == "black":
                factor = behind
            factors[(stratifier, stratum)] = factor
    return factors


def _row(measure: str, year: int, stratifier: str, stratum: str, den: int, num: int) -> Row:
    source = "not_applicable"
    if stratifier in RACE_STRATIFIERS:
        source = "unknown" if stratum == "unknown" else "direct"
    rate = round(num / den, 4) if den else "N/A"
    return {"measure_id": measure, "measure_year": year, "stratifier": stratifier,
            "stratum": stratum, "denominator": den, "numerator": num, "rate": rate,
            "data_source": source}


def _suppress(rows: list[Row]) -> None:
    """Hide rows with a count from 1 to 10, and a second row where one would be alone."""
    def small(row: Row) -> bool:
        return any(isinstance(row[c], int) and 0 < row[c] <= 10
                   for c in ("denominator", "numerator"))
    hidden = [r for r in rows if small(r)]
    if len(hidden) == 1 and len(rows) > 1:
        shown = sorted((r for r in rows if r is not hidden[0]), key=lambda r: r["denominator"])
        hidden.append(shown[0])
    for row in hidden:
        row.update(denominator="Suppressed", numerator="Suppressed", rate="Suppressed")


def _measure(plan: Plan, measure: str, year: int, rate: float, factors: Factors) -> list[Row]:
    """One measure's total and strata, flagged when the measure counts toward a withhold."""
    den = round(plan.enrollment * ELIGIBLE[measure])
    num = round(den * rate)
    total = _row(measure, year, "total", "all", den, num)
    if 0 < den <= 10:
        total.update(denominator="Suppressed", numerator="Suppressed", rate="Suppressed")
    rows = [total]
    for stratifier, shares in _partitions(plan, measure).items():
        dens = split(den, shares)
        weights = {s: dens[s] * factors[(stratifier, s)] for s in shares}
        nums = split(num, weights) if sum(weights.values()) else dict.fromkeys(shares, 0)
        group = [_row(measure, year, stratifier, s, dens[s], min(nums[s], dens[s]))
                 for s in shares]
        _suppress(group)
        rows += group
    flagged = measure in _withheld(plan)
    return [{**row, "withhold_measure": flagged} for row in rows]


def _withheld(plan: Plan) -> tuple[str, ...]:
    """The measures that count toward the plan's withhold (none without a withhold)."""
    return () if plan.profile.withhold is None else \
        MEASURES[: int(knob(plan, "withhold_measures", 3))]


def stratified(plan: Plan, rng: random.Random) -> tuple[list[Row], list[Row]]:
    """The measurement year's results and the baseline year's (equity-priority measures)."""
    current: list[Row] = []
    baseline: list[Row] = []
    behind = knob(plan, "disparity_factor", 0.0)
    for measure in MEASURES:
        rate = rng.uniform(0.45, 0.7)
        factors = _factors(plan, rng, measure)
        current += _measure(plan, measure, plan.year - 1, rate, factors)
        if measure in EQUITY_PRIORITY:
            # The baseline's gaps were wider: each group has closed part of its gap since,
            # except a group a scenario leaves behind.
            wider = {k: 1 - (1 - f) * 1.5 if f < 1 and f != behind else f
                     for k, f in factors.items()}
            baseline += _measure(plan, measure, plan.year - BASELINE_YEARS_BACK, rate - 0.02,
                                 wider)
    return current, baseline


def _amount(plan: Plan, parts: int) -> float:
    """Dollars withheld for one part: a quarter's premium at an invented $450 PMPM."""
    share = plan.profile.withhold or 0.0
    return round(plan.enrollment * 450 * 3 * share / parts, 2)


def withhold_earnback(plan: Plan, measures: list[Row]) -> list[Row]:
    """One row per withhold measure (and the health equity plan part where the state has one)."""
    if plan.profile.withhold is None:
        return []
    withheld = _withheld(plan)
    totals = {r["measure_id"]: r["rate"] for r in measures if r["stratifier"] == "total"}
    he_plan = plan.profile.code == "LA"
    parts = len(withheld) + he_plan
    rows: list[Row] = []
    for measure in withheld:
        achieved = totals[measure]
        baseline = round(achieved - 0.03, 4)
        target = round(baseline + 0.02, 4)
        met = achieved >= target
        rows.append({"component": "quality_measure", "measure_id": measure,
                     "baseline_rate": baseline, "target_rate": target, "achieved_rate": achieved,
                     "better": "higher", "target_met": met,
                     "amount_withheld": _amount(plan, parts),
                     "amount_earned_back": _amount(plan, parts) if met else 0.0})
    if he_plan:
        met = not knob(plan, "he_plan_missing", 0) and knob(plan, "he_plan_late_days", 0) <= 0
        rows.append({"component": "health_equity_plan", "measure_id": "N/A",
                     "baseline_rate": "N/A", "target_rate": "N/A", "achieved_rate": "N/A",
                     "target_met": met, "amount_withheld": _amount(plan, parts),
                     "amount_earned_back": _amount(plan, parts) if met else 0.0})
    return rows


def total_not_from_strata(filing: Filing) -> None:
    """W30-CH's total numerator taken from another run than its strata."""
    total = next(r for r in filing.tables["stratified_measures"]
                 if r["measure_id"] == "W30-CH" and r["stratifier"] == "total")
    total["numerator"] = round(total["numerator"] * 0.6)
    total["rate"] = round(total["numerator"] / total["denominator"], 4)
