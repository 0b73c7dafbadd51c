"""The program file: contracted MCOs, their service areas, due dates and the set in force.

::

    programs:
      - id: oregon-cco
        title: Oregon Coordinated Care Organizations
        set: oregon-cco              # the requirement set in force (bundled id)
        set_version: "2026.1"        # optional: refuse filings checked by another version
        quarters:
          - {start: 2026-01-01, end: 2026-03-31, due: 2026-04-30}
        mcos:
          - {id: OR-CCO-0417, name: Cascade Community Health Plan, service_area: Lane}
"""

from __future__ import annotations

import datetime as dt

import yaml
from pydantic import Field, ValidationError
from sqlalchemy import delete
from sqlalchemy.orm import Session

from compliance.errors import UsageError
from compliance.model.base import ShortText, Strict
from compliance.portal.tables import Mco, Program, Quarter


class QuarterEntry(Strict):
    """A reporting period and its due date."""

    start: dt.date
    end: dt.date
    due: dt.date


class McoEntry(Strict):
    """A contracted MCO."""

    id: ShortText
    name: ShortText
    service_area: str = ""


class ProgramEntry(Strict):
    """A program and what is in force for it."""

    id: ShortText
    title: ShortText
    set: ShortText
    set_version: str | None = None
    quarters: tuple[QuarterEntry, ...] = ()
    mcos: tuple[McoEntry, ...] = Field(default=(), min_length=1)


class ProgramFile(Strict):
    """The whole program file."""

    programs: tuple[ProgramEntry, ...] = Field(min_length=1)


def parse_program_file(text: str) -> ProgramFile:
    """Parse and validate; a problem becomes one `UsageError` line."""
    try:
        return ProgramFile.model_validate(yaml.safe_load(text))
    except yaml.YAMLError as exc:
        raise UsageError(f"the program file is not valid YAML: {exc}") from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise UsageError(f"program file: {where}: {first['msg']}") from exc


def import_program_file(db: Session, parsed: ProgramFile) -> None:
    """Add or update each program, its MCOs and quarters (nothing filed is removed)."""
    for entry in parsed.programs:
        db.merge(Program(id=entry.id, title=entry.title, set_id=entry.set,
                         set_version=entry.set_version))
        for mco in entry.mcos:
            db.merge(Mco(id=mco.id, name=mco.name, program_id=entry.id,
                         service_area=mco.service_area))
        db.execute(delete(Quarter).where(Quarter.program_id == entry.id))
        for quarter in entry.quarters:
            db.add(Quarter(program_id=entry.id, period_start=quarter.start,
                           period_end=quarter.end, due_on=quarter.due))
    db.flush()


def export_program_file(db: Session) -> str:
    """The programs in the database as a program file."""
    programs = []
    for program in db.query(Program).order_by(Program.id):
        quarters = db.query(Quarter).filter_by(program_id=program.id).order_by(
            Quarter.period_start)
        mcos = db.query(Mco).filter_by(program_id=program.id).order_by(Mco.id)
        programs.append(ProgramEntry(
            id=program.id, title=program.title, set=program.set_id,
            set_version=program.set_version,
            quarters=tuple(QuarterEntry(start=q.period_start, end=q.period_end, due=q.due_on)
                           for q in quarters),
            mcos=tuple(McoEntry(id=m.id, name=m.name, service_area=m.service_area)
                       for m in mcos)))
    data = ProgramFile(programs=tuple(programs)).model_dump(mode="json", exclude_none=True)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
