"""Pair commands (compare, score, train, eval pairs/dev) — registered by the pairs stage."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Filled in by the pair-comparison stage."""
