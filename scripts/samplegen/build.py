"""Builds a complete, compliant quarterly filing for a plan; scenarios then break parts of it.

A filing is plain data: the Cover's values by field id and each table's rows as dicts
by field id, so the same filing can be written as a filled template, a plan's own
workbook or a messy one.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from samplegen.profiles import Plan

Row = dict[str, Any]
RACE_SHARES = {"white": 0.52, "hispanic": 0.2, "black": 0.08, "asian": 0.06, "aian": 0.03,
               "multiracial": 0.05, "nhpi": 0.01, "mena": 0.01}
SOURCES = {"self": 0.82, "proxy": 0.06, "state_file": 0.08, "imputed": 0.04}
TAGLINE_LANGUAGES = ("Spanish", "Vietnamese", "Chinese", "Russian", "Korean", "Tagalog",
                     "Arabic", "Somali", "Ukrainian", "Amharic", "Japanese", "Punjabi",
                     "Khmer", "Lao", "Romanian", "Marshallese")


@dataclass
class Filing:
    """One workbook's content."""

    plan: Plan
    cover: Row
    tables: dict[str, list[Row]] = field(default_factory=dict)


def quarter_dates(plan: Plan) -> tuple[dt.date, dt.date]:
    """First and last day of the plan's quarter."""
    start = dt.date(plan.year, 3 * plan.quarter - 2, 1)
    following = dt.date(plan.year + (plan.quarter == 4), (3 * plan.quarter) % 12 + 1, 1)
    return start, following - dt.timedelta(days=1)


def knob(plan: Plan, name: str, default: float) -> float:
    """A scenario setting, or its compliant default."""
    return plan.knobs.get(name, default)


def split(total: int, shares: dict[str, float]) -> dict[str, int]:
    """`total` split by shares; the largest part absorbs rounding."""
    parts = {k: int(total * v / sum(shares.values())) for k, v in shares.items()}
    biggest = max(parts, key=lambda k: parts[k])
    parts[biggest] += total - sum(parts.values())
    return parts


def npi(rng: random.Random) -> str:
    """A made-up ten-digit NPI."""
    return "1" + "".join(str(rng.randrange(10)) for _ in range(9))


def cover(plan: Plan) -> Row:
    """The Cover sheet's values."""
    start, end = quarter_dates(plan)
    profile = plan.profile
    return {
        "mco_name": plan.mco_name, "mco_id": plan.mco_id, "state": profile.code,
        "program": profile.program, "period_start": start, "period_end": end,
        "submitted_on": end + dt.timedelta(days=int(knob(plan, "submit_days", 21))),
        "contact_email": f"equity.reporting@{plan.domain}", "enrollment": plan.enrollment,
        "covers_ltss": profile.covers_ltss, "populations": profile.populations,
        "contract_version": profile.contract,
        "certifying_official": "Jordan Avery", "certifying_title": "Chief Financial Officer",
        "certified_on": end + dt.timedelta(days=int(knob(plan, "submit_days", 21)) - 2),
        "postpartum_coverage_months": 12 if "pregnant_postpartum" in profile.populations
        else "N/A",
        "prevalent_languages": ", ".join(profile.languages),
        "quality_withhold_pct": "N/A" if profile.withhold is None else profile.withhold,
        "template_version": f"{profile.set_id} 2026.1",
    }


def service_area(plan: Plan) -> list[Row]:
    """Each county with its members and births."""
    members = split(plan.enrollment, {c.name: c.share for c in plan.counties})
    return [{"county": c.name, "region": c.region, "enrollment": members[c.name],
             "births_prior_year": c.births} for c in plan.counties]


def demographic_rows(element: str, counts: dict[str, int], source: str) -> list[Row]:
    """Rows of one element from one source (small counts suppressed)."""
    return [{"element": element, "category_code": code, "source": source,
             "count": "Suppressed" if 0 < n <= 10 else n} for code, n in counts.items()]


def race_rows(plan: Plan) -> list[Row]:
    """Race and ethnicity counts by category and source; declined and unknown apart."""
    total = plan.enrollment
    unknown = round(total * (1 - knob(plan, "race_known", 0.95)))
    declined = round(total * 0.03)
    known = split(total - unknown - declined, RACE_SHARES)
    own = knob(plan, "self_reported", 0.88)
    sources = {"self": own * 0.93, "proxy": own * 0.07, "state_file": (1 - own) * 0.6,
               "imputed": (1 - own) * 0.4}
    if plan.profile.reald:  # REALD answers are never filled in by the collector
        sources = {"self": own * 0.93, "proxy": own * 0.07, "state_file": 1 - own}
    rows: list[Row] = []
    for code, count in known.items():
        for source, n in split(count, sources).items():
            rows += demographic_rows("race_eth", {code: n}, source)
    rows += demographic_rows("race_eth", {"declined": declined}, "self")
    rows += demographic_rows("race_eth", {"unknown": unknown}, "unknown")
    return rows


def language_counts(plan: Plan, languages: tuple[str, ...]) -> dict[str, int]:
    """Members by preferred language."""
    shares = {"English": 0.82, **{lang: 0.1 / (i + 1) for i, lang in enumerate(languages)},
              "Other": 0.02, "declined": 0.01, "unknown": knob(plan, "language_unknown", 0.02)}
    return split(plan.enrollment, shares)


def member_demographics(plan: Plan) -> list[Row]:
    """Every demographic element the state asks for."""
    total = plan.enrollment
    rows = race_rows(plan)
    rows += demographic_rows("sex", split(total, {"female": 0.54, "male": 0.455,
                                                  "unknown": 0.005}), "state_file")
    languages = language_counts(plan, plan.profile.languages)
    rows += demographic_rows("language_spoken", languages, "self")
    rows += demographic_rows("language_written", languages, "self")
    rows += demographic_rows("interpreter_need", split(total, {"yes": 0.08, "no": 0.89,
                                                               "unknown": 0.03}), "self")
    rows += demographic_rows("disability", split(total, {"yes": 0.14, "no": 0.78,
                                                         "declined": 0.03, "unknown": 0.05}),
                             "self")
    if plan.profile.sogi:
        rows += demographic_rows("sexual_orientation", split(total, {
            "straight": 0.62, "gay_or_lesbian": 0.03, "bisexual": 0.04, "other": 0.01,
            "declined": 0.12, "unknown": 0.18}), "self")
        rows += demographic_rows("gender_identity", split(total, {
            "woman": 0.5, "man": 0.42, "nonbinary": 0.01, "transgender": 0.005,
            "declined": 0.03, "unknown": 0.035}), "self")
    return rows
