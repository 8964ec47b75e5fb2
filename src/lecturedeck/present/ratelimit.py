"""Token buckets per device: `rate` requests a second on average, up to `burst` at once."""

from __future__ import annotations

import time
from collections.abc import Callable


class RateLimiter:
    """Buckets for at most `limit` devices: past that, the idle devices' buckets (full again) are dropped, and
    in a flood of new devices the older half."""

    def __init__(
        self, rate: float, burst: int, limit: int = 50_000, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.rate, self.burst, self.limit, self.clock = rate, burst, limit, clock
        self._buckets: dict[str, tuple[float, float]] = {}  # key → (tokens, when counted)

    def allow(self, key: str) -> bool:
        """Take one token from `key`'s bucket; False when it is empty."""
        now = self.clock()
        tokens, then = self._buckets.get(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - then) * self.rate)
        if tokens < 1:
            self._buckets[key] = (tokens, now)
            return False
        self._buckets[key] = (tokens - 1, now)
        if len(self._buckets) > self.limit:
            self._forget_idle(now)
        return True

    def _forget_idle(self, now: float) -> None:
        full = self.burst / self.rate  # seconds after which any bucket is full again
        self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < full}
        if len(self._buckets) > self.limit // 2:  # a flood of new devices: keep the most recent half
            recent = sorted(self._buckets.items(), key=lambda item: item[1][1])[-(self.limit // 2) :]
            self._buckets = dict(recent)
