"""The ``samestory eval`` command group: each stage adds its evaluation (``stories``, ``pairs``, ``dev``)."""

from __future__ import annotations

import typer

eval_app = typer.Typer(
    name="eval",
    help="Measure samestory on labelled data (B-cubed for stories; correlations and AUC for pairs).",
    no_args_is_help=True,
)


@eval_app.callback()
def _eval() -> None:
    """Measure samestory on labelled data; a group, so that every stage can add its own evaluation."""
