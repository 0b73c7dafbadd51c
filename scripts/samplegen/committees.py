"""Advisory committee rosters and meeting logs."""

from __future__ import annotations

import datetime as dt
import random

from samplegen.build import Row, knob, quarter_dates
from samplegen.profiles import Plan

RACES = ("white", "hispanic", "black", "aian", "asian", "multiracial", "declined")
LANGUAGES = ("English", "English", "English", "Spanish", "Vietnamese", "ASL")
GENDERS = ("Woman", "Man", "Woman", "Nonbinary", "Declined")


def committee_ids(plan: Plan) -> list[str]:
    """One id per committee: CAC-LANE, MAC-1..."""
    prefix = plan.profile.committee_prefix
    if plan.committees == 1:
        return [f"{prefix}-{plan.counties[0].name.upper().replace(' ', '')[:8]}"]
    return [f"{prefix}-{n}" for n in range(1, plan.committees + 1)]


def _member(plan: Plan, rng: random.Random, committee: str, n: int, role: str) -> Row:
    start, _ = quarter_dates(plan)
    consumer = role in ("enrollee", "former_enrollee", "caregiver")
    return {
        "committee_id": committee, "committee_type": plan.profile.committee_type,
        "member_key": f"{committee}-M{n:02d}", "role": role,
        "enrolled_within_6mo": True if role in ("enrollee", "former_enrollee") else "N/A",
        "age_band": rng.choice(("18_25", "26_64", "26_64", "65_plus")),
        "ltss_user": bool(plan.profile.covers_ltss and consumer and n % 2 == 0),
        "county": plan.counties[n % len(plan.counties)].name,
        "on_governing_board": False,
        "joined_on": start - dt.timedelta(days=rng.randrange(90, 1400)), "left_on": None,
        "race_eth": rng.choice(RACES), "language": rng.choice(LANGUAGES),
        "disability": rng.choice(("yes", "no", "no", "declined")),
        "gender_identity": rng.choice(GENDERS),
    }


def roster(plan: Plan, rng: random.Random) -> list[Row]:
    """Members of every committee: consumers at the plan's share, county seats, others."""
    rows: list[Row] = []
    share = knob(plan, "consumer_share", 0.64)
    for committee in committee_ids(plan):
        others = ["provider", "cbo", "tribal"]
        if plan.profile.county_seats:
            others += ["county_gov"] * len(plan.counties)
        consumers = max(1, round(share * len(others) / (1 - share)))
        roles = (["enrollee", "former_enrollee", "caregiver"] * consumers)[:consumers] + others
        start = len(rows)
        rows += [_member(plan, rng, committee, n + 1, role) for n, role in enumerate(roles)]
        county_seats = [r for r in rows[start:] if r["role"] == "county_gov"]
        for seat, county in zip(county_seats, plan.counties, strict=False):
            seat["county"] = seat["represents_county"] = county.name
        rows[start]["on_governing_board"] = True
        rows[-1]["on_governing_board"] = True
    return rows


def meetings(plan: Plan, rng: random.Random) -> list[Row]:
    """Each committee's meetings in the quarter, minutes posted two weeks later."""
    start, _ = quarter_dates(plan)
    rows: list[Row] = []
    count = int(knob(plan, "meetings", 2))
    for committee in committee_ids(plan):
        size = 10 + len(plan.counties)
        for month in range(count):
            day = dt.date(start.year, start.month + min(month * 2, 2), 10 + rng.randrange(8))
            present = size - rng.randrange(1, 4)
            needed = month == 0
            rows.append({
                "committee_id": committee, "meeting_date": day,
                "format": "in_person" if plan.profile.in_person or month else "hybrid",
                "members_present": present, "consumers_present": present // 2 + 1,
                "public": True, "interpreter_needed": needed,
                "interpreter_provided": True if needed else "N/A",
                "minutes_posted_on": day + dt.timedelta(days=int(knob(plan, "minutes_days", 14))),
                "minutes_url": f"https://{plan.domain}/committees/{committee.lower()}/"
                               f"minutes-{day.isoformat()}.pdf",
                "previous_meeting_on": start - dt.timedelta(
                    days=int(knob(plan, "previous_meeting_days", 24))) if month == 0 else None,
            })
    return rows
