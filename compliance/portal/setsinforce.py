"""Which requirement sets may be put in force: the bundled ones, at their shipped versions."""

from __future__ import annotations

from functools import cache

from sqlalchemy.orm import Session

from compliance.errors import UsageError
from compliance.portal.programfile import import_program_file, parse_program_file
from compliance.resources import bundled_sets
from compliance.sets.loader import load_requirement_set


@cache
def bundled_set_versions() -> dict[str, str]:
    """Bundled set id -> its version."""
    return {path.stem: load_requirement_set(path).version for path in bundled_sets()}


def import_checked(db: Session, text: str) -> int:
    """Import a program file whose sets are all bundled; returns the number of programs."""
    parsed = parse_program_file(text)
    known = bundled_set_versions()
    for program in parsed.programs:
        if program.set not in known:
            raise UsageError(f"program {program.id}: no bundled requirement set "
                             f"{program.set!r} ({', '.join(sorted(known))})")
        wanted = program.set_version
        if wanted is not None and wanted != known[program.set]:
            raise UsageError(f"program {program.id}: {program.set} is at version "
                             f"{known[program.set]}, not {wanted}")
    import_program_file(db, parsed)
    return len(parsed.programs)
