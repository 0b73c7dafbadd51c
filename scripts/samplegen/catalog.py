"""Every sample filing: its plan, how it is written, what is broken and what that must give.

`intent` lists the statuses a scenario is built to produce; generation stops if the
checker disagrees, so the recorded expectations are never just whatever came out.
A `clean` sample must have no requirement below met.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from samplegen.build import Filing
from samplegen.strata import total_not_from_strata
from samplegen.profiles import (
    ALLEGHENY,
    BATON_ROUGE,
    BERNALILLO,
    DESCHUTES,
    FEDERAL,
    HINDS,
    LANE,
    LOUISIANA,
    MARION,
    MISSISSIPPI,
    OREGON,
    ORLEANS,
    PENNSYLVANIA,
    PIERCE,
    SPOKANE,
    WASHINGTON,
    Plan,
)

Style = Literal["template", "plain", "messy", "libreoffice-template", "libreoffice-plain"]
Mutation = Callable[[Filing], None]


@dataclass(frozen=True)
class Sample:
    """One committed sample workbook."""

    plan: Plan
    style: Style
    passes: bool
    story: str
    clean: bool = False
    roster: bool = False
    old_template: str | None = None  # a stale stamp: made from this older set version
    mutations: tuple[Mutation, ...] = ()
    intent: dict[str, str] = field(default_factory=dict)

    @property
    def path(self) -> str:
        """Where it lives under sample_submissions/."""
        return f"{self.plan.profile.folder}/{self.plan.stem}.xlsx"


def drop_doulas(filing: Filing) -> None:
    """No doula under contract, so no doula claims either."""
    for sheet, column in (("thw_workforce", "worker_type"), ("thw_utilization", "service")):
        filing.tables[sheet] = [r for r in filing.tables[sheet] if r[column] != "doula"]


def doulas_only_in_first_county(filing: Filing) -> None:
    """Doulas in the largest county only."""
    first = filing.plan.counties[0].name
    filing.tables["thw_workforce"] = [r for r in filing.tables["thw_workforce"]
                                      if r["worker_type"] != "doula" or r["county"] == first]


def doula_credentials_missing(filing: Filing) -> None:
    """Doulas listed without a credential."""
    for row in filing.tables["thw_workforce"]:
        if row["worker_type"] == "doula":
            row.update(credential_id=None, credential_issuer=None, credential_expires=None)


def legacy_race_codes(filing: Filing) -> None:
    """Part of the white count filed under the 1997 standard's 'some other race'."""
    rows = filing.tables["member_demographics"]
    white = next(r for r in rows if r["category_code"] == "white" and r["source"] == "state_file")
    moved = white["count"] // 3
    white["count"] -= moved
    rows.append({"element": "race_eth", "category_code": "other_race", "source": "state_file",
                 "count": moved})


def small_cell_shown(filing: Filing) -> None:
    """A denominator of 7 shown instead of suppressed."""
    row = next(r for r in filing.tables["stratified_measures"] if r["denominator"] == "Suppressed")
    row.update(denominator=7, numerator=4, rate=round(4 / 7, 4))


def one_meeting_minutes_late(filing: Filing) -> None:
    """The second meeting's minutes posted 45 days after it."""
    row = filing.tables["committee_meetings"][-1]
    row["minutes_posted_on"] = row["meeting_date"] + dt.timedelta(days=45)


def doulas_from_an_unknown_school(filing: Filing) -> None:
    """Doulas credentialed by a private course instead of the state body."""
    for row in filing.tables["thw_workforce"]:
        if row["worker_type"] == "doula":
            row["credential_issuer"] = "Acme Online Doula Academy"


def doulas_not_enrolled(filing: Filing) -> None:
    """Doulas contracted without a ProviderOne enrollment."""
    for row in filing.tables["thw_workforce"]:
        if row["worker_type"] == "doula":
            row["provider_one_id"] = None


def declines_imputed(filing: Filing) -> None:
    """Declined race filed with an imputed source: a decline cannot be imputed."""
    for row in filing.tables["member_demographics"]:
        if row["category_code"] == "declined" and row["element"] == "race_eth":
            row["source"] = "imputed"


def parts_exceed_totals(filing: Filing) -> None:
    """More consumers present than members, more claims paid than received."""
    for row in filing.tables["committee_meetings"]:
        row["consumers_present"] = row["members_present"] + 3
    for row in filing.tables["thw_utilization"]:
        row["claims_paid"] = row["claims_received"] + 12


def unknown_given_a_source(filing: Filing) -> None:
    """Unknown race filed as self-reported: unknown must carry the unknown source."""
    for row in filing.tables["member_demographics"]:
        if row["category_code"] == "unknown" and row["element"] == "race_eth":
            row["source"] = "self"


def enrollment_overstated(filing: Filing) -> None:
    """A Cover enrollment a fifth higher than the members the demographics count."""
    filing.cover["enrollment"] = round(filing.cover["enrollment"] * 1.2)


def no_committee_work(filing: Filing) -> None:
    """No advisory committee, equity staff or deliverables logged (headers kept)."""
    for sheet in ("committee_roster", "committee_meetings", "key_personnel", "deliverables"):
        filing.tables[sheet] = []


SAMPLES: tuple[Sample, ...] = (
    Sample(Plan("cascade-community-health-2026q1", OREGON, "Cascade Community Health Plan",
                "OR-CCO-0417", "cascade-chp.example.org", 2026, 1, 48200, LANE),
           "template", True, "Fully compliant, filed on the OHA template.", clean=True),
    Sample(Plan("cascade-community-health-2026q2", OREGON, "Cascade Community Health Plan",
                "OR-CCO-0417", "cascade-chp.example.org", 2026, 2, 48950, LANE,
                knobs={"staff_training": 0.84, "qualified_share": 0.62, "tagline_languages": 12}),
           "template", True, "Mostly compliant: training, interpreters, taglines and one set "
           "of minutes fall short.", mutations=(one_meeting_minutes_late,),
           intent={"TRN-01": "partially_met", "LNG-01": "partially_met",
                   "LNG-04": "partially_met", "ADV-07": "partially_met"}),
    Sample(Plan("willamette-valley-cco-2026q1", OREGON, "Willamette Valley Care Collaborative",
                "OR-CCO-0522", "wvcc.example.org", 2026, 1, 61500, MARION, committees=2,
                knobs={"meetings": 0, "consumer_share": 0.4, "race_known": 0.72,
                       "he_plan_late_days": 20}),
           "template", False, "Clearly failing: no CAC meeting, consumers below 51%, race and "
           "ethnicity in the high-concern band, no doulas, health equity plan late, a "
           "measure total that its strata do not add up to.",
           mutations=(drop_doulas, total_not_from_strata),
           intent={"OR-CAC-03": "not_met", "ADV-01": "not_met", "DEM-01": "not_met",
                   "THW-06": "not_met", "THW-05": "not_met", "HEP-01": "not_met",
                   "THW-01": "not_applicable", "STR-03": "partially_met"}),
    Sample(Plan("willamette-valley-cco-2026q2", OREGON, "Willamette Valley Care Collaborative",
                "OR-CCO-0522", "wvcc.example.org", 2026, 2, 61820, MARION, committees=2,
                knobs={"meetings": 1, "consumer_share": 0.55, "race_known": 0.86}),
           "template", True, "Recovering: councils met and have a consumer majority; race and "
           "ethnicity in the medium band; doulas in one county only. Filed on last year's "
           "template (the stamp is stale, which the notes say).",
           mutations=(doulas_only_in_first_county,), old_template="2025.2",
           intent={"OR-CAC-03": "met", "ADV-01": "met", "DEM-01": "partially_met",
                   "THW-06": "partially_met"}),
    Sample(Plan("high-desert-health-2026q1", OREGON, "High Desert Health Partners",
                "OR-CCO-0611", "highdesert.example.org", 2026, 1, 52300, DESCHUTES),
           "messy", True, "Messy but valid: aliases, text numbers, tokens, blank rows, extra "
           "sheet.", clean=True),
    Sample(Plan("bayou-health-partners-2026q1", LOUISIANA, "Bayou Health Partners", "LA-MCO-031",
                "bayouhp.example.org", 2026, 1, 182000, ORLEANS),
           "template", True, "Fully compliant, filed on the LDH template.", clean=True),
    Sample(Plan("pelican-care-2026q1", LOUISIANA, "Pelican Care of Louisiana", "LA-MCO-047",
                "pelicancare.example.org", 2026, 1, 96400, BATON_ROUGE,
                knobs={"race_known": 0.7, "self_reported": 0.55, "prenatal_visits": 3,
                       "he_plan_missing": 1, "submit_days": 45, "staff_training": 0.6,
                       "disparity_factor": 0.72}),
           "template", True, "Many gaps, all in advisory clauses: race and ethnicity mostly "
           "missing, doulas without credentials, doula benefit short, no health equity plan, "
           "a small cell shown, Black members' rates far behind and not catching up, filed "
           "late. The Louisiana set marks each of these illustrative or unverified, so the "
           "filing passes its gate with a low advisory score.",
           mutations=(doula_credentials_missing, legacy_race_codes, small_cell_shown),
           intent={"DEM-01": "not_met", "THW-01": "not_met", "THW-04": "not_met",
                   "HEP-01": "not_met", "STR-02": "not_met", "GEN-02": "not_met",
                   "DEM-12": "partially_met", "DEM-03": "met", "STR-06": "partially_met",
                   "STR-07": "not_met"}),
    Sample(Plan("acadiana-community-health-2026q1", LOUISIANA, "Acadiana Community Health",
                "LA-MCO-052", "acadianach.example.org", 2026, 1, 58300, BATON_ROUGE),
           "template", False, "Failing on federal data rules: unknown race filed as "
           "self-reported, declines filed as imputed, an enrollment the demographics do not add "
           "up to, parts larger than their totals.",
           mutations=(unknown_given_a_source, declines_imputed, enrollment_overstated,
                      parts_exceed_totals),
           intent={"DEM-04": "not_met", "DEM-05": "partially_met", "DEM-06": "not_met",
                   "GEN-03": "partially_met"}),
    Sample(Plan("pelican-care-2026q2", LOUISIANA, "Pelican Care of Louisiana", "LA-MCO-047",
                "pelicancare.example.org", 2026, 2, 97100, BATON_ROUGE,
                knobs={"race_known": 0.86, "self_reported": 0.85, "he_plan_late_days": 30}),
           "template", True, "Improving: credentials and benefit fixed, race and ethnicity in "
           "the medium band, health equity plan filed late.",
           intent={"DEM-01": "partially_met", "THW-01": "met", "THW-04": "met",
                   "HEP-01": "not_met"}),
    Sample(Plan("evergreen-family-health-2026q1", WASHINGTON, "Evergreen Family Health",
                "WA-AH-0093", "evergreenfh.example.org", 2026, 1, 3240, SPOKANE,
                knobs={"doula_denials": 0.18, "max_units": 86}),
           "template", True, "Mostly compliant, with a member-level roster; doula denials "
           "high and one client over 80 units.", roster=True,
           intent={"THW-05": "partially_met", "WA-DOU-01": "not_met", "DEM-13": "met",
                   "DEM-14": "met", "DEM-08": "met"}),
    Sample(Plan("puget-sound-wellness-2026q1", WASHINGTON, "Puget Sound Wellness Plan",
                "WA-AH-0107", "pswellness.example.org", 2026, 1, 131000, PIERCE),
           "libreoffice-template", True, "Fully compliant template, saved again by LibreOffice "
           "Calc.", clean=True),
    Sample(Plan("columbia-basin-health-2026q1", WASHINGTON, "Columbia Basin Health Plan",
                "WA-AH-0121", "columbiabasin.example.org", 2026, 1, 74200, SPOKANE),
           "template", False, "Failing: doulas credentialed by a private course instead of "
           "the Department of Health and not enrolled in ProviderOne, declines filed as "
           "imputed, parts larger than their totals.",
           mutations=(doulas_from_an_unknown_school, doulas_not_enrolled, declines_imputed,
                      parts_exceed_totals),
           intent={"THW-01": "not_met", "WA-DOU-02": "not_met", "DEM-05": "partially_met",
                   "GEN-03": "partially_met"}),
    Sample(Plan("pearl-river-health-2026q1", MISSISSIPPI, "Pearl River Health Plan",
                "MS-CCO-022", "pearlriver.example.org", 2026, 1, 64100, HINDS,
                knobs={"pcmh_share": 0.31, "staff_training": 0.82, "pcp_lowest_group": 0.71,
                       "clinics_uncontracted": 1}),
           "template", True, "Passes with gaps: the federal rules are met; the RFQ themes and "
           "model clauses are advisory, and fall short on medical homes, PCP assignment for "
           "one group, an uncontracted FQHC and staff training.",
           intent={"PCP-03": "partially_met", "PCP-01": "partially_met",
                   "SNP-01": "partially_met", "TRN-01": "partially_met"}),
    Sample(Plan("natchez-trace-health-2026q1", MISSISSIPPI, "Natchez Trace Health Plan",
                "MS-CCO-031", "natcheztrace.example.org", 2026, 1, 51900, HINDS),
           "plain", False, "Failing on federal rules: declines filed as imputed, unknown race "
           "filed as self-reported, parts larger than their totals, an enrollment the "
           "demographics do not add up to; and with no committee, equity staff or "
           "deliverables, which in Mississippi are advisory.",
           mutations=(declines_imputed, parts_exceed_totals, legacy_race_codes,
                      unknown_given_a_source, enrollment_overstated, no_committee_work),
           intent={"DEM-05": "partially_met", "GEN-03": "partially_met", "ADV-01": "not_met",
                   "HEP-01": "not_met", "DEM-12": "partially_met"}),
    Sample(Plan("delta-bridges-health-2026q1", MISSISSIPPI, "Delta Bridges Health Plan",
                "MS-CCO-014", "deltabridges.example.org", 2026, 1, 88700, HINDS),
           "plain", True, "Compliant, on the plan's own workbook (no template stamp).",
           clean=True),
    Sample(Plan("three-rivers-community-living-2026q1", PENNSYLVANIA,
                "Three Rivers Community Living", "PA-CHC-022", "threerivers.example.org",
                2026, 1, 41800, ALLEGHENY),
           "libreoffice-plain", True, "Compliant Participant Advisory Committee; the plan's own "
           "workbook saved by LibreOffice Calc.", clean=True),
    Sample(Plan("mesa-verde-health-plan-2026q1", FEDERAL, "Mesa Verde Health Plan", "NM-MCO-008",
                "mesaverde.example.org", 2026, 1, 57400, BERNALILLO),
           "template", True, "A state without a bundled set, filed on the federal baseline "
           "template.", clean=True),
)
