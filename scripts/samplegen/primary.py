"""Primary care: PCP assignment by group, language-concordant capacity, safety-net clinics."""

from __future__ import annotations

from samplegen.build import RACE_SHARES, Row, knob, split
from samplegen.profiles import Plan

LANGUAGE_SHARES = {"English": 0.86, "Spanish": 0.09, "Other": 0.05}


def _assigned(stratifier: str, stratum: str, new: int, rate: float, days: int) -> Row:
    row: Row = {"stratifier": stratifier, "stratum": stratum, "standard_days": days,
                "assigned_to_pcmh": "N/A", "members_total": "N/A"}
    if 0 < new <= 10:
        return {**row, "new_enrollees": "Suppressed", "assigned_within_standard": "Suppressed",
                "rate": "Suppressed"}
    assigned = round(new * rate)
    return {**row, "new_enrollees": new, "assigned_within_standard": assigned,
            "rate": round(assigned / new, 4) if new else "N/A"}


def pcp_assignment(plan: Plan) -> list[Row]:
    """New members assigned a PCP within 30 days: all, by race and ethnicity, by language."""
    new = plan.enrollment // 12
    rate = knob(plan, "pcp_assigned", 0.93)
    lowest = knob(plan, "pcp_lowest_group", rate - 0.03)
    total = _assigned("all", "All", new, rate, 30)
    total.update(assigned_to_pcmh=round(plan.enrollment * knob(plan, "pcmh_share", 0.58)),
                 members_total=plan.enrollment)
    rows = [total]
    groups = [("race_eth", code, n) for code, n in split(new, RACE_SHARES).items()]
    groups += [("language", lang, n) for lang, n in split(new, LANGUAGE_SHARES).items()]
    for n, (stratifier, stratum, count) in enumerate(groups):
        rows.append(_assigned(stratifier, stratum, count, lowest if n == 1 else rate, 30))
    return rows


def capacity(plan: Plan) -> list[Row]:
    """Members preferring each prevalent language and those with a concordant PCP site."""
    share = knob(plan, "concordant_share", 0.82)
    rows = []
    for n, language in enumerate(plan.profile.languages):
        preferring = max(60, plan.enrollment // (12 * (n + 1)))
        rows.append({"language": language, "members_preferring": preferring,
                     "members_concordant": round(preferring * share), "sites_offering": 9 - n})
    return rows


def safety_net(plan: Plan) -> list[Row]:
    """FQHCs and rural health clinics in each county, contracted and paid on time."""
    missing = int(knob(plan, "clinics_uncontracted", 0))
    paid = knob(plan, "clinic_claims_on_time", 0.96)
    rows = []
    for n, county in enumerate(plan.counties):
        for kind, present in (("fqhc", 3 - min(n, 2)), ("rhc", n)):
            contracted = max(present - (missing if n == 0 and kind == "fqhc" else 0), 0)
            claims = contracted * 140
            rows.append({"county": county.name, "clinic_type": kind,
                         "clinics_in_county": present, "clinics_contracted": contracted,
                         "clean_claims": claims, "clean_claims_paid_in_time": round(claims * paid),
                         "payment_standard_days": 30})
    return rows


def access_strata(plan: Plan) -> list[Row]:
    """Primary care secret-shopper results by prevalent language and by county."""
    within = round(60 * knob(plan, "pcp_access", 0.93))
    strata = [("language", lang) for lang in plan.profile.languages]
    strata += [("county", county.name) for county in plan.counties]
    return [{"service_category": "primary_care", "population": "all",
             "standard_business_days": 15, "appointments_tested": 60,
             "within_standard": within, "rate_within_standard": round(within / 60, 4),
             "method": "secret_shopper", "stratifier": stratifier, "stratum": stratum}
            for stratifier, stratum in strata]
