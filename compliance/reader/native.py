"""Calls into the native (Rust) reader, with every failure turned into a refusal.

calamine reports most damage as its own error types, but some values make it panic
(a date cell holding `-inf`, say), and a panic reaches Python as `PanicException`, a
`BaseException` that slips past `except Exception`. Any failure of the native reader
on a file refuses that file in one line; an interrupt or exit still stops the run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
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
