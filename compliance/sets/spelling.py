"""The closest known name to one typed by hand: `washington` -> `washington-apple-health`.

Used for "did you mean" hints on set ids and requirement ids. Case is ignored; a name
that starts the known one (an abbreviation) wins over a merely similar one.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

_LEADING_ZEROS = re.compile(r"(?<!\d)0+(?=\d)")


def _key(name: str) -> str:
    # `dem-1` is `DEM-01`: people drop the case and the padding of numbers
    return _LEADING_ZEROS.sub("", name.casefold().strip())


def same_name(typed: str, known: Iterable[str]) -> str | None:
    """The known name equal to `typed` but for case and zero padding, when exactly one is."""
    found = [name for name in known if _key(name) == _key(typed)]
    return found[0] if len(found) == 1 else None


def closest(typed: str, known: Iterable[str]) -> str | None:
    """The known name the user most likely meant, or None when nothing is close."""
    names = list(known)
    folded = {_key(name): name for name in names}
    key = _key(typed)
    if not key:
        return None
    if key in folded:
        return folded[key]
    starts = [name for low, name in folded.items() if low.startswith(key)]
    if len(starts) == 1:
        return starts[0]
    near = difflib.get_close_matches(key, list(folded), n=1, cutoff=0.6)
    return folded[near[0]] if near else None


def did_you_mean(typed: str, known: Iterable[str]) -> str:
    """`; did you mean 'x'?` or an empty string."""
    found = closest(typed, known)
    return f"; did you mean '{found}'?" if found else ""
