"""A one-line progress bar on stderr, redrawn in place; silent unless enabled."""

from __future__ import annotations

import shutil
import sys
from typing import TextIO

import click

BAR = 24


class Progress:
    """`Checking  37/200 [####.........]  18%  mco-003/q1.xlsx`, on a terminal only."""

    def __init__(self, total: int, *, enabled: bool, stream: TextIO | None = None):
        self.total = total
        self.done = 0
        self.enabled = enabled and total > 0
        self.stream = stream or sys.stderr

    def _draw(self, text: str) -> None:
        width = max(shutil.get_terminal_size((80, 24)).columns - 1, 20)
        click.echo("\r" + text[:width].ljust(width), file=self.stream, nl=False)
        self.stream.flush()

    def line(self, name: str) -> str:
        """The progress line for the current count and file."""
        filled = BAR * self.done // self.total
        digits = len(str(self.total))
        percent = 100 * self.done // self.total
        return (f"Checking {self.done:>{digits}}/{self.total} "
                f"[{'#' * filled}{'.' * (BAR - filled)}] {percent:>3}%  {name}")

    def advance(self, name: str) -> None:
        """Count one more file done and show its name."""
        self.done += 1
        if self.enabled:
            self._draw(self.line(name))

    def close(self) -> None:
        """Erase the line so what follows starts clean."""
        if self.enabled:
            self._draw("")
            click.echo("\r", file=self.stream, nl=False)
