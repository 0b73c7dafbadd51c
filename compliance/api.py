"""The Python API: check a workbook against a set in one call, or stage by stage."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from compliance.errors import UsageError
from compliance.evaluation.document import ResultDocument, build_document
from compliance.evaluation.engine import evaluate
from compliance.evaluation.scoring import score
from compliance.evaluation.submission import Submission
from compliance.model.base import Severity
from compliance.model.program import ProgramFile
from compliance.model.requirement import RequirementSet
from compliance.reader.bind import read_submission
from compliance.sets.belonging import banner, mismatch, refuse, with_cover_finding
from compliance.sets.loader import load_requirement_set

if TYPE_CHECKING:
    from compliance.evaluation.results import RequirementResult
    from compliance.waivers.file import WaiverFile


def _with_program(submission: Submission, rs: RequirementSet, program: ProgramFile,
                  name: str) -> Submission:
    """The submission with the state's record of its plan attached."""
    from compliance.sets.program import program_entry

    if rs.state and program.state != rs.state:
        raise UsageError(f"the program file is for {program.state}, the set {rs.id} for "
                         f"{rs.state}", file=name)
    mco_id = submission.lookup(rs.workbook.identity.mco_id)
    entry = program_entry(program, mco_id, name)
    return dataclasses.replace(submission, program=entry)


# The program and waiver readers (and with them YAML) are imported only when a check is
# given a program or waiver file.
def _load_program(path: str | os.PathLike[str]) -> ProgramFile:
    from compliance.sets.program import load_program

    return load_program(path)


def _plan(waivers: str | os.PathLike[str] | WaiverFile, rs: RequirementSet) -> WaiverFile:
    from compliance.waivers.apply import waivers_for

    return waivers_for(waivers, rs)


def _waived(results: list[RequirementResult], plan: WaiverFile, submission: Submission,
            rs: RequirementSet, generated_at: dt.datetime | None) -> list[RequirementResult]:
    from compliance.waivers.apply import apply_waivers

    mco = submission.lookup(rs.workbook.identity.mco_id)
    return apply_waivers(results, plan, None if mco is None else str(mco), submission.period(),
                         as_of=generated_at and generated_at.date())


def check_workbook(workbook: str | os.PathLike[str], requirement_set: str | Path | RequirementSet,
                   *, fail_under: float | None = None, fail_on: Severity | None = None,
                   generated_at: dt.datetime | None = None,
                   waivers: str | os.PathLike[str] | WaiverFile | None = None,
                   program: str | os.PathLike[str] | ProgramFile | None = None,
                   force_set: bool = False,
                   tables: Mapping[str, str | os.PathLike[str]] | None = None,
                   beside: bool = True) -> ResultDocument:
    """Read, evaluate and score one workbook; the `ResultDocument` every format renders.

    `waivers` (a waiver file or its path) is checked against the set before the workbook
    is read. `program` (the state's program file or its path) supplies the lists the
    state owns: the plan's counties and populations, prevalent languages, due dates.
    `tables` maps a table sheet (id or name) to a CSV or Parquet roster read in its
    place; with `beside`, a roster filed beside the workbook under its name is read too
    (`acme.xlsx` and `acme.Member_Roster.csv`).
    Raises `RequirementSetError`, `SubmissionError` or `UsageError` when the check cannot
    run, and `SetMismatch` when the workbook belongs to another set (unless `force_set`:
    then the document carries a banner saying so).
    """
    rs = requirement_set if isinstance(requirement_set, RequirementSet) else (
        load_requirement_set(requirement_set))
    plan = None if waivers is None else _plan(waivers, rs)
    state = None if program is None else (
        program if isinstance(program, ProgramFile) else _load_program(program))
    submission = read_submission(workbook, rs.workbook, tables, beside=beside)
    found = mismatch(rs, submission)
    if found is not None and not force_set:
        raise refuse(found)
    if state is not None:
        submission = _with_program(submission, rs, state, str(program))
    results = evaluate(rs, submission)
    if found is not None and found.cover_finding is not None:
        results = with_cover_finding(results, rs, found.cover_finding)
    if plan is not None:
        results = _waived(results, plan, submission, rs, generated_at)
    card = score(results, rs, fail_under=fail_under, fail_on=fail_on)
    return build_document(rs, submission, results, card, generated_at=generated_at,
                          set_mismatch=None if found is None else banner(found, rs))
