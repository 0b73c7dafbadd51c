r"""Regular expressions of requirement sets: vetted when a set loads, matched in linear time.

A pattern is checked twice when the set is validated: by Python's `re` (so a
mistake such as `(`, `[z-a]` or a group name used twice is a `file:line` error from
`sets lint`) and by RE2, the engine that matches it. RE2 matches in time linear in
the text, whatever the pattern, so a pattern such as `^(\w+\s?)*X$` cannot make a
check run for minutes on a cell the filer controls; it has no back-references or
look-around, and such a pattern is refused at load. In RE2 `\d`, `\w` and `\s` are
ASCII classes. Text longer than Excel allows in a cell never matches.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Annotated, Any, Protocol, cast

import re2  # type: ignore[import-untyped]
from pydantic import AfterValidator, Field

MAX_PATTERN_CHARS = 200
MAX_SUBJECT_CHARS = 32_767  # Excel's limit on the text of a cell
_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # RE2 would print each refused pattern on stderr
_OPTIONS.max_mem = 8 << 20  # a pattern whose program is bigger is refused, not built


class _Compiled(Protocol):
    def search(self, text: str) -> Any: ...

    def fullmatch(self, text: str) -> Any: ...


def _reason(exc: Exception) -> str:
    raw = exc.args[0] if exc.args else str(exc)
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)


@lru_cache(maxsize=1024)
def compile_pattern(text: str) -> _Compiled:
    """The compiled pattern; raises `ValueError` saying why it cannot be used."""
    if len(text) > MAX_PATTERN_CHARS:
        raise ValueError(f"regular expression longer than {MAX_PATTERN_CHARS} characters")
    try:
        re.compile(text)
    except (re.error, RecursionError, OverflowError) as exc:
        raise ValueError(f"invalid regular expression: {exc}") from None
    try:
        return cast(_Compiled, re2.compile(text, _OPTIONS))
    except re2.error as exc:
        raise ValueError(f"regular expression not supported (no back-references, "
                         f"look-around or huge repeats): {_reason(exc)}") from None


def vetted(text: str) -> str:
    """`text` when it compiles; for pydantic validators."""
    compile_pattern(text)
    return text


def search(pattern: str, text: str) -> bool:
    """True when `pattern` occurs in `text`."""
    return len(text) <= MAX_SUBJECT_CHARS and compile_pattern(pattern).search(text) is not None


def fullmatch(pattern: str, text: str) -> bool:
    """True when `pattern` matches the whole of `text`."""
    return len(text) <= MAX_SUBJECT_CHARS and compile_pattern(pattern).fullmatch(text) is not None


RegexText = Annotated[str, Field(max_length=MAX_PATTERN_CHARS), AfterValidator(vetted)]
"""A regular expression field of the set language."""
