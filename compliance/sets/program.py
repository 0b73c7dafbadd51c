"""Loads a state's program file and finds the entry for the plan a workbook is from."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import ValidationError

from compliance.errors import RequirementSetError, UsageError
from compliance.model.program import ProgramEntry, ProgramFile
from compliance.sets.validation import Source, error_lines
from compliance.sets.yamlsafe import load_yaml


def load_program(path: str | os.PathLike[str]) -> ProgramFile:
    """A validated program file; raises `RequirementSetError` with the line at fault."""
    file = Path(path)
    if not file.is_file():
        raise RequirementSetError("no such program file", file=str(path))
    data, lines, raw = load_yaml(file)
    try:
        return ProgramFile.model_validate(data)
    except ValidationError as exc:
        problems = error_lines(exc, Source(file, data, lines, raw))
        raise RequirementSetError(problems[0], problems=problems) from exc


def program_entry(program: ProgramFile, mco_id: object, file: str) -> ProgramEntry:
    """The state's lists for this plan; `UsageError` when the plan is not in the file."""
    found = program.plan(str(mco_id)) if mco_id is not None else None
    if found is None:
        raise UsageError(f"MCO ID {mco_id!s} is not among the plans of the program file "
                         f"({', '.join(p.id for p in program.plans)})", file=file)
    return ProgramEntry(program=program.program, mco_id=found.id, counties=found.counties,
                        populations=found.populations,
                        prevalent_languages=program.prevalent_languages,
                        due_dates=program.due_dates)
