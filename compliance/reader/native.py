"""Calls into the native (Rust) reader, with every failure turned into a refusal.

calamine reports most damage as its own error types, but some values make it panic
(a date cell holding `-inf`, say), and a panic reaches Python as `PanicException`, a
`BaseException` that slips past `except Exception`. Any failure of the native reader
on a file refuses that file in one line; an interrupt or exit still stops the run.
Rust's panic hook prints its message and backtrace on file descriptor 2 before Python
sees the panic, so the reader's own output is silenced while a workbook is read.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from compliance.errors import SubmissionError

T = TypeVar("T")
_STOPPING = (KeyboardInterrupt, SystemExit, GeneratorExit)


What = str | Callable[[], str]
"""What failed, for the refusal; a callable when saying it takes work."""


def _refusal(exc: BaseException, what: What, file: str) -> SubmissionError:
    detail = " ".join(str(exc).split())[:200] or type(exc).__name__
    said = what if isinstance(what, str) else what()
    return SubmissionError(f"{said} ({detail})", file=file)


def native(call: Callable[[], T], what: What, file: str) -> T:
    """The result of `call`; raises `SubmissionError` saying `what` failed, on any failure."""
    try:
        return call()
    except _STOPPING:
        raise
    except BaseException as exc:  # noqa: B036 - a Rust panic is a BaseException
        raise _refusal(exc, what, file) from exc


def native_iter(items: Iterator[Any], what: What, file: str) -> Iterator[Any]:
    """Items of a native iterator, each step guarded as `native` guards a call."""
    while True:
        try:
            item = next(items)
        except StopIteration:
            return
        except _STOPPING:
            raise
        except BaseException as exc:  # noqa: B036 - a Rust panic is a BaseException
            raise _refusal(exc, what, file) from exc
        yield item


@contextmanager
def quiet_native() -> Iterator[None]:
    """Send file descriptor 2 to the null device while the native reader works.

    Python's own errors still reach the user: they are raised, not printed, and the
    command line prints them after this block has restored the descriptor.
    """
    try:
        saved = os.dup(2)
    except OSError:  # no descriptor 2 to silence (a detached process)
        yield
        return
    sys.stderr.flush()
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 2)
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)
        os.close(null)
