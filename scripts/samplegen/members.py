"""A member-level roster: one row per enrolled member, invented from seeded draws."""

from __future__ import annotations

import datetime as dt
import hashlib
import random

from samplegen.build import RACE_SHARES, Row, knob, quarter_dates
from samplegen.profiles import Plan

DETAIL = {"hispanic": ("Mexican", "Guatemalan", "Puerto Rican"), "asian": ("Vietnamese", "Hmong",
          "Chinese"), "black": ("African American", "Somali"), "aian": ("Spokane Tribe",
          "Colville"), "white": ("", "Ukrainian"), "mena": ("Lebanese", "Iraqi")}


def _race(rng: random.Random, known: float) -> tuple[str, str]:
    draw = rng.random()
    if draw > known:
        return "unknown", "unknown"
    if draw > known - 0.03:
        return "declined", "self"
    code = rng.choices(list(RACE_SHARES), weights=list(RACE_SHARES.values()))[0]
    source = rng.choices(("self", "proxy", "state_file", "imputed"), (82, 6, 8, 4))[0]
    return code, source


def _member(plan: Plan, rng: random.Random, n: int, known: float) -> Row:
    _, end = quarter_dates(plan)
    age = rng.choice((rng.randrange(0, 18), rng.randrange(18, 65), rng.randrange(18, 65),
                      rng.randrange(65, 90)))
    race, source = _race(rng, known)
    spoken = rng.choices(("English", "Spanish", "Russian", "Vietnamese", "unknown"),
                         (80, 12, 3, 3, 2))[0]
    disabled = rng.random() < 0.14
    respondent = "proxy" if age < 14 else "self"
    return {
        "member_key": hashlib.sha256(f"{plan.mco_id}-{n}".encode()).hexdigest()[:16],
        "age": age,
        "county": rng.choices([c.name for c in plan.counties],
                              [c.share for c in plan.counties])[0],
        "race_eth": race, "race_eth_source": source,
        "ethnicity": rng.choice(DETAIL.get(race, ("",))) or None,
        "language_spoken": spoken, "language_written": spoken,
        "interpreter_need": "yes" if spoken not in ("English", "unknown") else "no",
        "disability": "yes" if disabled else "no",
        "disability_onset_age": rng.randrange(0, age + 1) if disabled else "N/A",
        "sexual_orientation": None, "gender_identity": None,
        "sex": rng.choice(("female", "male")),
        "enrolled_on": end - dt.timedelta(days=rng.randrange(30, 2000)),
        "respondent": respondent,
    }


def member_roster(plan: Plan, rng: random.Random) -> list[Row]:
    """Every enrolled member, race and ethnicity known at the plan's rate."""
    known = knob(plan, "race_known", 0.95)
    return [_member(plan, rng, n, known) for n in range(plan.enrollment)]
