"""Errors that stop a run, each carrying the file and location it concerns.

A `ComplianceError` is a user error (bad input, bad usage): the CLI prints it as
one line and exits 2. Anything else that escapes is a bug and keeps its traceback.
"""

from __future__ import annotations


class ComplianceError(Exception):
    """Root of every error this package raises on purpose."""

    def __init__(self, reason: str, *, file: str | None = None, location: str | None = None):
        self.reason = reason
        self.file = file
        self.location = location
        super().__init__(self.one_line())

    def one_line(self) -> str:
        """`file:location: reason`, the form printed after `error: `."""
        where = ":".join(part for part in (self.file, self.location) if part)
        text = f"{where}: {self.reason}" if where else self.reason
        return " ".join(text.split())


class RequirementSetError(ComplianceError):
    """A requirement set (or waiver file) is unreadable, unsafe or invalid.

    `problems` lists every problem found, one `file:line: path: reason` each.
    """

    def __init__(self, reason: str, *, file: str | None = None, location: str | None = None,
                 problems: list[str] | None = None):
        super().__init__(reason, file=file, location=location)
        self.problems = problems or [self.one_line()]


class SubmissionError(ComplianceError):
    """A submission workbook is unreadable, unsafe or not a workbook at all."""


class ReportError(ComplianceError):
    """A report could not be rendered or written."""


class UsageError(ComplianceError):
    """The command line asks for something that cannot be done."""
