"""Login throttling counts failures per key within a sliding window."""

from __future__ import annotations

from compliance.portal.throttle import Throttle


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_failures_block_until_the_window_passes() -> None:
    clock = Clock()
    throttle = Throttle(clock, max_failures=3, window=60)
    for _ in range(3):
        assert not throttle.blocked("user:a")
        throttle.fail("user:a", "addr:1")
    assert throttle.blocked("user:a") and throttle.blocked("user:b", "addr:1")
    assert not throttle.blocked("user:b")
    clock.now = 61
    assert not throttle.blocked("user:a", "addr:1")


def test_a_success_clears_and_looking_does_not_grow_the_table() -> None:
    throttle = Throttle(Clock(), max_failures=2)
    throttle.fail("user:a")
    throttle.clear("user:a")
    for i in range(1000):
        throttle.blocked(f"user:{i}")
    assert throttle._failures == {}
