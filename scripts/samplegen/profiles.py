"""Fictional plans and what differs by state: counties, languages, committees, credentials.

Every plan, person, NPI and count here is invented. County and parish names are real
geography, so that service areas look like the states' own.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class County:
    """A county (or parish) of a plan's service area."""

    name: str
    region: str
    share: float  # of the plan's members
    births: int  # births to members in the prior year


@dataclass(frozen=True)
class StateProfile:
    """What a filing for this state's program looks like."""

    folder: str
    set_id: str
    code: str
    program: str
    languages: tuple[str, ...]  # prevalent non-English languages
    committee_type: str
    committee_prefix: str
    doula_issuer: str | None  # None: no doula benefit
    chw_issuer: str | None  # None: no CHW benefit
    covers_ltss: bool = False
    withhold: float | None = None
    county_seats: bool = False  # county governments sit on the committee
    sogi: bool = False
    in_person: bool = False
    doula_cap: float | None = None
    doula_units: int | None = None
    provider_one: bool = False
    deliverables: tuple[tuple[str, str], ...] = ()  # (code, due month-day)
    populations: str = "children, pregnant_postpartum, expansion_adults, bh_integrated, ai_an"
    contract: str = "2026 contract"
    reald: bool = False  # REALD: answers are never imputed, who answered is recorded
    thw_open_access: bool = False  # THW services need no referral or prior authorization
    peer_issuer: str = "State peer certification"


@dataclass(frozen=True)
class Plan:
    """A fictional plan filing for one quarter."""

    stem: str
    profile: StateProfile
    mco_name: str
    mco_id: str
    domain: str  # for e-mail addresses and minutes links (example.org)
    year: int
    quarter: int
    enrollment: int
    counties: tuple[County, ...]
    committees: int = 1
    knobs: dict[str, float] = field(default_factory=dict)


OREGON = StateProfile(
    folder="oregon", set_id="oregon-cco", code="OR",
    program="Coordinated Care Organizations (CCO 2.0)",
    languages=("Spanish", "Vietnamese", "Russian"), committee_type="cac",
    committee_prefix="CAC", doula_issuer="Oregon Health Authority (THW certification)",
    chw_issuer="Oregon Health Authority (THW certification)", county_seats=True, sogi=True,
    reald=True, thw_open_access=True,
    peer_issuer="Oregon Health Authority (THW certification)",
    deliverables=(("advisory_demographic_report", "06-30"), ("chp_progress_report", "06-30")))
LOUISIANA = StateProfile(
    folder="louisiana", set_id="louisiana-healthy-la", code="LA", program="Healthy Louisiana",
    languages=("Spanish", "Vietnamese"), committee_type="mac", committee_prefix="MAC",
    doula_issuer="Louisiana Doula Registry Board", chw_issuer=None, withhold=0.01)
WASHINGTON = StateProfile(
    folder="washington", set_id="washington-apple-health", code="WA",
    program="Apple Health Integrated Managed Care (IMC)",
    languages=("Spanish", "Russian", "Vietnamese", "Chinese", "Somali"),
    committee_type="mac", committee_prefix="MAC",
    doula_issuer="Washington State Department of Health (birth doula credential)",
    chw_issuer=None, withhold=0.015, doula_cap=3500, doula_units=80, provider_one=True)
MISSISSIPPI = StateProfile(
    folder="mississippi", set_id="mississippi-can", code="MS", program="MississippiCAN",
    languages=("Spanish",), committee_type="mac", committee_prefix="MAC",
    doula_issuer=None, chw_issuer=None,
    deliverables=(("population_health_program", "01-31"), ("sdoh_care_management", "01-31")))
PENNSYLVANIA = StateProfile(
    folder="pennsylvania", set_id="pennsylvania-chc", code="PA",
    program="Community HealthChoices (CHC)", languages=("Spanish", "Russian", "Chinese"),
    committee_type="pac", committee_prefix="PAC", doula_issuer="Pennsylvania doula registry",
    chw_issuer="Pennsylvania Certification Board (CHW)", covers_ltss=True, in_person=True,
    populations="duals, ltss",
    deliverables=(("advisory_membership_list", "01-31"),))
FEDERAL = StateProfile(
    folder="federal", set_id="federal-baseline", code="NM", program="Medicaid managed care",
    languages=("Spanish", "Navajo"), committee_type="mac", committee_prefix="MAC",
    doula_issuer="New Mexico doula certification (illustrative)",
    chw_issuer="New Mexico CHW certification (illustrative)")

LANE = (County("Lane", "Southern Willamette Valley", 0.62, 2100),
        County("Linn", "Southern Willamette Valley", 0.28, 800),
        County("Benton", "Southern Willamette Valley", 0.10, 90))
MARION = (County("Marion", "Mid-Valley", 0.58, 2600), County("Polk", "Mid-Valley", 0.22, 600),
          County("Yamhill", "Mid-Valley", 0.20, 540))
DESCHUTES = (County("Deschutes", "Central Oregon", 0.70, 1500),
             County("Crook", "Central Oregon", 0.17, 260),
             County("Jefferson", "Central Oregon", 0.13, 240))
ORLEANS = (County("Orleans", "Region 1", 0.45, 5200), County("Jefferson", "Region 1", 0.40, 4300),
           County("St. Tammany", "Region 9", 0.15, 1500))
BATON_ROUGE = (County("East Baton Rouge", "Region 2", 0.55, 3900),
               County("Lafayette", "Region 4", 0.30, 2100),
               County("Calcasieu", "Region 5", 0.15, 1100))
SPOKANE = (County("Spokane", "Spokane", 0.78, 220), County("Stevens", "Spokane", 0.14, 48),
           County("Pend Oreille", "Spokane", 0.08, 20))
PIERCE = (County("Pierce", "Pierce", 0.72, 3100), County("Kitsap", "Salish", 0.28, 900))
HINDS = (County("Hinds", "Central", 0.50, 2400), County("Madison", "Central", 0.25, 700),
         County("Rankin", "Central", 0.25, 800))
ALLEGHENY = (County("Allegheny", "Southwest", 0.70, 900), County("Beaver", "Southwest", 0.15, 120),
             County("Washington", "Southwest", 0.15, 130))
BERNALILLO = (County("Bernalillo", "Metro", 0.80, 2600), County("Sandoval", "Metro", 0.20, 520))
