"""Assembles a plan's complete filing from the parts."""

from __future__ import annotations

import random

from samplegen import committees, members, primary, quality, services, stateparts, strata
from samplegen.build import Filing, cover, member_demographics, quarter_dates, service_area
from samplegen.profiles import Plan


def assemble(plan: Plan, with_roster: bool = False) -> Filing:
    """Every sheet of a compliant filing; `with_roster` adds the member-level roster."""
    rng = random.Random(plan.stem)
    start, _ = quarter_dates(plan)
    measures, baselines = strata.stratified(plan, rng)
    tables = {
        "service_area": service_area(plan),
        "committee_roster": committees.roster(plan, rng),
        "committee_meetings": committees.meetings(plan, rng),
        "member_demographics": member_demographics(plan),
        "key_personnel": services.key_personnel(plan, rng),
        "training": services.training(plan),
        "thw_workforce": services.workforce(plan, rng),
        "thw_utilization": services.utilization(plan),
        "benefits": services.benefits(plan),
        "language_access": services.language_access(plan),
        "translated_materials": services.materials(plan, start),
        "stratified_measures": measures,
        "measure_baselines": baselines,
        "withhold_earnback": strata.withhold_earnback(plan, measures),
        "deliverables": quality.deliverables(plan),
        "access_wait_times": quality.wait_times() + primary.access_strata(plan),
        "accreditation": quality.accreditation(plan),
        "grievances": quality.grievances(plan),
        "pcp_assignment": primary.pcp_assignment(plan),
        "primary_care_capacity": primary.capacity(plan),
        "safety_net": primary.safety_net(plan),
        "governing_body_meetings": stateparts.governing_body(plan),
        "disparities_workgroup": stateparts.disparities_workgroup(plan),
    }
    if with_roster:
        tables["member_roster"] = members.member_roster(plan, rng)
    return Filing(plan=plan, cover=cover(plan), tables=tables)
