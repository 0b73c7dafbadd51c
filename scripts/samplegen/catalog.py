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
           intent={"ADV-04": "not_met", "ADV-01": "partially_met", "DEM-01": "not_met",
                   "THW-06": "not_met", "THW-05": "not_met", "HEP-01": "not_met",
                   "THW-01": "not_applicable", "STR-03": "partially_met"}),
    Sample(Plan("willamette-valley-cco-2026q2", OREGON, "Willamette Valley Care Collaborative",
                "OR-CCO-0522", "wvcc.example.org", 2026, 2, 61820, MARION, committees=2,
                knobs={"meetings": 1, "consumer_share": 0.55, "race_known": 0.86}),
           "template", True, "Recovering: councils met and have a consumer majority; race and "
           "ethnicity in the medium band; doulas in one county only. Filed on last year's "
           "template (the stamp is stale, which the notes say).",
           mutations=(doulas_only_in_first_county,), old_template="2025.2",
           intent={"ADV-04": "met", "ADV-01": "met", "DEM-01": "partially_met",
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
    Sample(Plan("pelican-care-2026q2", LOUISIANA, "Pelican Care of Louisiana", "LA-MCO-047",
                "pelicancare.example.org", 2026, 2, 97100, BATON_ROUGE,
                knobs={"race_known": 0.83, "self_reported": 0.7, "he_plan_late_days": 30}),
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
