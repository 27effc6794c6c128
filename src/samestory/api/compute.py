"""Running CPU-bound work (compare, store ingest) off the event loop, with a bounded queue.

Compares take about a second of CPU each. They run in worker threads limited to one per core — more
threads would only share the same cores and raise everyone's latency — while the event loop keeps
answering ``/health`` and the cheap store reads. When too many compares are already waiting the
server says 503 with ``Retry-After`` instead of letting latency grow without bound.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

import anyio
import anyio.to_thread

from samestory.api.errors import ApiError

T = TypeVar("T")


class CpuRunner:
    """A capacity limiter for heavy work plus a count of callers waiting for it."""

    def __init__(self, workers: int, max_pending: int) -> None:
        self.workers = workers
        self.max_pending = max_pending
        self._limiter: anyio.CapacityLimiter | None = None
        self._pending = 0
        self._lock = threading.Lock()

    @property
    def limiter(self) -> anyio.CapacityLimiter:
        # Created lazily: a CapacityLimiter belongs to the event loop that first uses it.
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.workers)
        return self._limiter

    @property
    def pending(self) -> int:
        return self._pending

    async def run(self, func: Callable[[], T]) -> T:
        with self._lock:
            if self._pending >= self.max_pending + self.workers:
                raise ApiError(
                    503,
                    "busy",
                    f"{self._pending} requests are already being computed or waiting; retry in a few seconds",
                    headers={"Retry-After": "2"},
                )
            self._pending += 1
        try:
            return await anyio.to_thread.run_sync(func, limiter=self.limiter)
        finally:
            with self._lock:
                self._pending -= 1
