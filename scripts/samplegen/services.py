"""Equity staff, training, traditional health workers, benefits and language access."""

from __future__ import annotations

import datetime as dt
import random

from samplegen.build import TAGLINE_LANGUAGES, Row, knob, npi, quarter_dates
from samplegen.profiles import Plan

PEOPLE = ("Avery Lindqvist", "Jordan Okafor-Reyes", "Marisol Tenorio", "Priya Castellanos",
          "Quinn Abernathy", "Dakota Shaughnessy")


def key_personnel(plan: Plan, rng: random.Random) -> list[Row]:
    """The equity officer and two supporting positions."""
    start, _ = quarter_dates(plan)
    names = rng.sample(PEOPLE, 3)
    return [{"position": position, "name": name, "fte": fte,
             "start_date": start - dt.timedelta(days=rng.randrange(200, 900)),
             "vacancy_since": "N/A"}
            for position, name, fte in (("health_equity_officer", names[0], 1.0),
                                        ("thw_liaison", names[1], 0.5),
                                        ("language_access_coordinator", names[2], 1.0))]


def training(plan: Plan) -> list[Row]:
    """Staff, network and committee training counts for the plan year to date."""
    staff = 120 + plan.enrollment // 250
    done = round(staff * knob(plan, "staff_training", 0.95))
    network = 300 + plan.enrollment // 60
    rows = [
        {"population": "staff", "course_topic": "health_equity", "course_id": "HE-101",
         "in_scope_count": staff, "completed_count": done, "plan_year": plan.year},
        {"population": "staff", "course_topic": "cultural_competency", "course_id": "CLAS-200",
         "in_scope_count": staff, "completed_count": min(staff, done + 3),
         "plan_year": plan.year},
        {"population": "provider_network", "course_topic": "cultural_competency",
         "course_id": "CLAS-NET", "in_scope_count": network,
         "completed_count": round(network * 0.71), "plan_year": plan.year},
        {"population": "committee_members", "course_topic": "health_equity",
         "course_id": "HE-CAC", "in_scope_count": 14, "completed_count": 12,
         "plan_year": plan.year},
    ]
    return rows


def _worker(plan: Plan, rng: random.Random, kind: str, county: str, issuer: str) -> Row:
    _, end = quarter_dates(plan)
    row: Row = {"worker_key": npi(rng), "worker_type": kind,
                "credential_id": f"{plan.profile.code}-{kind.upper()}-{rng.randrange(10**5):05d}",
                "credential_issuer": issuer,
                "credential_expires": end + dt.timedelta(days=rng.randrange(120, 700)),
                "county": county, "region": next(c.region for c in plan.counties
                                                 if c.name == county),
                "contracted_on": end - dt.timedelta(days=rng.randrange(100, 800))}
    if plan.profile.provider_one:
        row["provider_one_id"] = f"{rng.randrange(10**8, 10**9)}WA" if kind == "doula" else "N/A"
    return row


def workforce(plan: Plan, rng: random.Random) -> list[Row]:
    """Doulas in counties with 100+ births, CHWs in every county, plus peers."""
    profile, rows = plan.profile, []
    for county in plan.counties:
        if profile.doula_issuer and county.births >= 100:
            rows += [_worker(plan, rng, "doula", county.name, profile.doula_issuer)
                     for _ in range(2 + county.births // 1500)]
        if profile.chw_issuer:
            rows += [_worker(plan, rng, "chw", county.name, profile.chw_issuer)
                     for _ in range(2)]
        rows.append(_worker(plan, rng, "peer_support", county.name, profile.peer_issuer))
    return rows


def utilization(plan: Plan) -> list[Row]:
    """Claims per traditional health worker service in the quarter."""
    rows = []
    services = [("doula", plan.profile.doula_issuer), ("chw", plan.profile.chw_issuer),
                ("peer_support", "yes")]
    for service, offered in services:
        if not offered:
            continue
        served = 40 + plan.enrollment // 900
        received = served * 6
        denied = round(received * knob(plan, f"{service}_denials", 0.05))
        rows.append({
            "service": service, "members_served": served, "units": served * 14,
            "claims_received": received, "claims_paid": received - denied - 4,
            "claims_denied": denied, "paid_amount": round(served * 1825.5, 2),
            "median_days_to_pay": knob(plan, f"{service}_days", 17),
            "max_paid_per_client": knob(plan, "max_paid", 3350) if service == "doula" else "N/A",
            "max_paid_per_doula_client": knob(plan, "max_paid", 3350) if service == "doula"
            else "N/A",
            "max_support_units_per_client": int(knob(plan, "max_units", 72))
            if service == "doula" else "N/A",
            # The intake visit and labor support are billed beside the support units.
            "max_units_per_client": int(knob(plan, "max_units", 72)) + 26 if service == "doula"
            else "N/A"})
    return rows


def benefits(plan: Plan) -> list[Row]:
    """The doula and CHW benefit as covered."""
    profile = plan.profile
    doula: Row = {"service": "doula", "covered": bool(profile.doula_issuer),
                  "prenatal_visits": int(knob(plan, "prenatal_visits", 6)),
                  "postpartum_visits": 4, "labor_support": True,
                  "max_units": profile.doula_units or "N/A",
                  "max_amount_per_client": profile.doula_cap or "N/A",
                  "prior_auth_required": False, "referral_required": False}
    chw: Row = {"service": "chw", "covered": bool(profile.chw_issuer), "prenatal_visits": "N/A",
                "postpartum_visits": "N/A", "labor_support": "N/A", "max_units": 64,
                "max_amount_per_client": "N/A", "prior_auth_required": False,
                "referral_required": not profile.thw_open_access}
    return [doula, chw]


def language_access(plan: Plan) -> list[Row]:
    """Interpreter encounters by language: qualified, other and unmet."""
    rows = []
    qualified = knob(plan, "qualified_share", 0.86)
    for n, language in enumerate((*plan.profile.languages, "American Sign Language")):
        needed = max(40, plan.enrollment // (40 * (n + 1)))
        unmet = round(needed * knob(plan, "unmet_share", 0.0))
        good = round((needed - unmet) * qualified)
        rows.append({"language": language, "encounters_needing_interpreter": needed,
                     "served_by_qualified_or_certified": good,
                     "served_by_other": needed - unmet - good, "unmet": unmet})
    return rows


def materials(plan: Plan, as_of: dt.date) -> list[Row]:
    """Materials in each prevalent language, the large-print handbook and taglines."""
    kinds = ("member_handbook", "provider_directory", "nondiscrimination_notice",
             "grievance_notice")
    level = knob(plan, "reading_level", 6)
    rows = [{"material_type": kind, "language": language, "format": "print",
             "last_updated": as_of, "reading_grade_level": level}
            for language in plan.profile.languages for kind in kinds]
    rows.append({"material_type": "member_handbook", "language": "English",
                 "format": "large_print", "last_updated": as_of, "reading_grade_level": level})
    count = int(knob(plan, "tagline_languages", 15))
    rows += [{"material_type": "taglines", "language": language, "format": "print",
              "last_updated": as_of, "reading_grade_level": level}
             for language in TAGLINE_LANGUAGES[:count]]
    return rows
