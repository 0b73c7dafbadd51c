"""A program file: what the state keeps about its contracted plans, not what a plan files.

One entry per contracted MCO (id, name, service-area counties, populations covered),
plus program-wide lists (prevalent languages) and the deliverable calendar. When a
program file is given, checks take these lists from it instead of from the filing, and
GEN-05 flags a filing that disagrees with it.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field

from compliance.model.base import Identifier, ShortText, Strict

Population = Literal["children", "pregnant_postpartum", "expansion_adults", "duals", "ltss",
                     "bh_integrated", "ai_an"]
StateList = Literal["counties", "populations", "prevalent_languages"]


class ContractedPlan(Strict):
    """One MCO under contract, as the state records it."""

    id: ShortText = Field(description="The MCO ID the plan writes on its Cover.")
    name: ShortText
    counties: Annotated[tuple[ShortText, ...], Field(min_length=1)]
    populations: Annotated[tuple[Population, ...], Field(min_length=1)]


class ProgramFile(Strict):
    """The state's record of a managed-care program and its plans."""

    program: ShortText
    state: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    prevalent_languages: tuple[ShortText, ...] = ()
    due_dates: dict[Identifier, dt.date] = Field(
        default_factory=dict, description="Deliverable code -> the state's due date.")
    plans: Annotated[tuple[ContractedPlan, ...], Field(min_length=1)]

    def plan(self, mco_id: str) -> ContractedPlan | None:
        """The entry for an MCO ID, compared without case or outer spaces."""
        wanted = mco_id.strip().casefold()
        return next((p for p in self.plans if p.id.strip().casefold() == wanted), None)


class ProgramEntry(Strict):
    """What a check sees of the program file: the program's lists and this plan's."""

    program: ShortText
    mco_id: ShortText
    counties: tuple[str, ...]
    populations: tuple[str, ...]
    prevalent_languages: tuple[str, ...]
    due_dates: dict[str, dt.date]

    def state_list(self, which: StateList) -> tuple[str, ...]:
        """One of the state-owned lists."""
        return {"counties": self.counties, "populations": self.populations,
                "prevalent_languages": self.prevalent_languages}[which]
