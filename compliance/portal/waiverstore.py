"""Waivers and corrective action plans kept in the database, in the waiver-file format.

Export writes the existing waiver YAML (`compliance check --waivers` reads it); import
reads one through the same strict loader, so a file that the command line refuses is
refused here too, with the same message.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from compliance.portal.audit import record
from compliance.portal.tables import Cap, Mco, Program, WaiverGrant
from compliance.waivers.file import (
    CorrectiveActionPlan,
    WaiverEntry,
    WaiverFile,
    WaiverFileDocument,
    load_waivers,
)


def program_waivers(db: Session, program: Program) -> list[WaiverGrant]:
    """The program's waivers, by MCO and requirement."""
    return list(db.scalars(select(WaiverGrant).where(WaiverGrant.program_id == program.id)
                           .order_by(WaiverGrant.mco_id, WaiverGrant.requirement_id)))


def program_caps(db: Session, program: Program) -> list[Cap]:
    """The program's corrective action plans."""
    return list(db.scalars(select(Cap).where(Cap.program_id == program.id)
                           .order_by(Cap.mco_id, Cap.cap_id)))


def _entry(w: WaiverGrant) -> WaiverEntry:
    return WaiverEntry.model_validate({
        "requirement": w.requirement_id, "mco_id": w.mco_id, "set": w.set_id,
        "from": w.start, "to": w.end, "justification": w.justification,
        "approved_by": w.approved_by, "approved_on": w.approved_on,
        "expires_on": w.expires_on})


def _cap(c: Cap) -> CorrectiveActionPlan:
    return CorrectiveActionPlan(id=c.cap_id, requirement=c.requirement_id, mco_id=c.mco_id,
                                set=c.set_id, opened=c.opened, due=c.due,
                                status="closed" if c.status == "closed" else "open")


def to_document(db: Session, program: Program) -> WaiverFileDocument:
    """The program's waivers and CAPs as a waiver-file document (entries validated)."""
    mcos = tuple(db.scalars(select(Mco.id).where(Mco.program_id == program.id)
                            .order_by(Mco.id)))
    return WaiverFileDocument(mcos=mcos,
                              waivers=tuple(_entry(w) for w in program_waivers(db, program)),
                              caps=tuple(_cap(c) for c in program_caps(db, program)))


def export_yaml(db: Session, program: Program) -> str:
    """The waiver file of a program."""
    data = to_document(db, program).model_dump(mode="json", by_alias=True, exclude_none=True)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def parse_yaml(text: str) -> WaiverFile:
    """A waiver file's text, loaded by the command line's loader."""
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "waivers.yaml"
        path.write_text(text, encoding="utf-8")
        return load_waivers(path)


def add_entry(db: Session, program: Program, entry: WaiverEntry) -> WaiverGrant:
    """Store one waiver; open-ended or multi-period entries keep their outer bounds."""
    spans = entry.spans
    end = max(s.end for s in spans)
    grant = WaiverGrant(program_id=program.id, mco_id=entry.mco_id,
                        requirement_id=entry.requirement, set_id=entry.set,
                        start=min(s.start for s in spans), end=None if end == dt.date.max
                        else end, justification=entry.justification,
                        approved_by=entry.approved_by, approved_on=entry.approved_on,
                        expires_on=entry.expires_on)
    db.add(grant)
    return grant


def add_cap(db: Session, program: Program, cap: CorrectiveActionPlan) -> Cap:
    """Store one corrective action plan."""
    row = Cap(cap_id=cap.id, program_id=program.id, mco_id=cap.mco_id,
              requirement_id=cap.requirement, set_id=cap.set, opened=cap.opened, due=cap.due,
              status=cap.status)
    db.add(row)
    return row


def import_file(db: Session, username: str, program: Program, parsed: WaiverFile) -> int:
    """Add every waiver and CAP of a loaded file for the program's MCOs; returns the count."""
    known = set(db.scalars(select(Mco.id).where(Mco.program_id == program.id)))
    strangers = sorted({e.mco_id for _, e in parsed.entries()} - known)
    if strangers:
        raise ValueError(f"not MCOs of {program.id}: {', '.join(strangers)}")
    for entry in parsed.waivers:
        add_entry(db, program, entry)
    for cap in parsed.caps:
        add_cap(db, program, cap)
    count = len(parsed.waivers) + len(parsed.caps)
    record(db, username, "waivers.import", f"program {program.id}", f"{count} entries",
           program.id)
    return count


def waiver_for(db: Session, mco_id: str, requirement_id: str,
               period_start: dt.date) -> WaiverGrant | None:
    """A waiver covering this requirement for this MCO in the period, if any."""
    for grant in db.scalars(select(WaiverGrant).where(
            WaiverGrant.mco_id == mco_id, WaiverGrant.requirement_id == requirement_id)):
        if grant.start <= period_start and (grant.end is None or period_start <= grant.end):
            return grant
    return None
