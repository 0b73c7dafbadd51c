"""Login throttling: after a few failures a name or an address waits before trying again."""

from __future__ import annotations

import time
from collections import defaultdict, deque
from collections.abc import Callable

MAX_FAILURES = 5
WINDOW_SECONDS = 300.0


class Throttle:
    """Counts recent failed logins per key (user name, client address)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic,
                 max_failures: int = MAX_FAILURES, window: float = WINDOW_SECONDS):
        self._clock = clock
        self._max = max_failures
        self._window = window
        self._failures: dict[str, deque[float]] = defaultdict(deque)

    def _recent(self, key: str) -> deque[float]:
        times = self._failures[key]
        while times and self._clock() - times[0] > self._window:
            times.popleft()
        return times

    def _count(self, key: str) -> int:
        if key not in self._failures:  # looking must not grow the table
            return 0
        count = len(self._recent(key))
        if count == 0:
            del self._failures[key]
        return count

    def blocked(self, *keys: str) -> bool:
        """True when any key has failed too often within the window."""
        return any(self._count(key) >= self._max for key in keys)

    def fail(self, *keys: str) -> None:
        """Count a failed attempt against every key."""
        for key in keys:
            self._recent(key).append(self._clock())

    def clear(self, *keys: str) -> None:
        """Forget failures after a successful login."""
        for key in keys:
            self._failures.pop(key, None)
