"""The Python API: check a workbook against a set in one call, or stage by stage."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path

from compliance.evaluation.document import ResultDocument, build_document
from compliance.evaluation.engine import evaluate
from compliance.evaluation.scoring import score
from compliance.model.base import Severity
from compliance.model.program import ProgramFile
from compliance.model.requirement import RequirementSet
from compliance.reader.bind import read_submission
from compliance.sets.loader import load_requirement_set
from compliance.sets.program import load_program, program_entry
from compliance.waivers.apply import apply_waivers, waivers_for
from compliance.waivers.file import WaiverFile


def check_workbook(workbook: str | os.PathLike[str], requirement_set: str | Path | RequirementSet,
                   *, fail_under: float | None = None, fail_on: Severity | None = None,
                   generated_at: dt.datetime | None = None,
                   waivers: str | os.PathLike[str] | WaiverFile | None = None,
                   program: str | os.PathLike[str] | ProgramFile | None = None,
                   ) -> ResultDocument:
    """Read, evaluate and score one workbook; the `ResultDocument` every format renders.

    `waivers` (a waiver file or its path) is checked against the set before the workbook
    is read. `program` (the state's program file or its path) supplies the lists the
    state owns: the plan's counties and populations, prevalent languages, due dates.
    Raises `RequirementSetError`, `SubmissionError` or `UsageError` when the check cannot
    run.
    """
    rs = requirement_set if isinstance(requirement_set, RequirementSet) else (
        load_requirement_set(requirement_set))
    plan = None if waivers is None else waivers_for(waivers, rs)
    state = None if program is None else (
        program if isinstance(program, ProgramFile) else load_program(program))
    submission = read_submission(workbook, rs.workbook)
    if state is not None:
        mco_id = submission.lookup(rs.workbook.identity.mco_id)
        entry = program_entry(state, mco_id, str(program if not isinstance(program, ProgramFile)
                                                 else "program file"))
        submission = dataclasses.replace(submission, program=entry)
    results = evaluate(rs, submission)
    if plan is not None:
        mco = submission.lookup(rs.workbook.identity.mco_id)
        results = apply_waivers(results, plan, None if mco is None else str(mco),
                                submission.period(), as_of=generated_at and generated_at.date())
    card = score(results, rs, fail_under=fail_under, fail_on=fail_on)
    return build_document(rs, submission, results, card, generated_at=generated_at)
