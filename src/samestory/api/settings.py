"""Server settings: one frozen object built by ``samestory serve`` (or a test) and read by every route."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

TOKEN_ENV = "SAMESTORY_TOKEN"
DEFAULT_MAX_BODY_BYTES = 5_000_000
"""Two articles at the 2 MB per-article limit of the readers, plus JSON overhead."""
DEFAULT_MAX_BATCH = 200
"""Articles per ``POST /articles``: big enough for a feed poll, small enough to answer within seconds."""
DEFAULT_MAX_PENDING_COMPARES = 64
"""Compares waiting for a CPU slot before new ones get 503: a bounded queue beats unbounded latency."""


@dataclass(frozen=True, slots=True)
class ApiSettings:
    """Everything the app needs to know; defaults are safe for a server on localhost."""

    db: Path | None = None
    scorer: Path | None = None
    """Scorer parameters (from ``samestory train``) for compare and the story store; None: the shipped one."""
    token: str | None = None
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    max_batch: int = DEFAULT_MAX_BATCH
    compare_workers: int = 0
    """Compares run at once; 0 means one per CPU core (the work is CPU-bound, more only adds latency)."""
    max_pending_compares: int = DEFAULT_MAX_PENDING_COMPARES
    warm_up: bool = True
    """Load models at start-up, in the background, so the first compare is not the slow one."""

    @property
    def workers(self) -> int:
        return self.compare_workers if self.compare_workers > 0 else max(1, os.cpu_count() or 1)


def token_from_env(explicit: str | None) -> str | None:
    """``--token`` wins over ``SAMESTORY_TOKEN``; an empty value means no token at all."""
    value = explicit if explicit is not None else os.environ.get(TOKEN_ENV)
    return value or None
