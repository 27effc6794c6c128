"""The ``samestory`` command line: one module per command, all registered on one Typer app.

Exit codes: 0 everything worked, 1 some items failed (each named on stderr), 2 the command was misused.
"""

from __future__ import annotations

import typer

from samestory.cli import commands_analysis

app = typer.Typer(
    name="samestory",
    help="Is this the same news story? Compare, score and group multilingual news articles, offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """Is this the same news story? Compare, score and group multilingual news articles, offline."""


commands_analysis.register(app)


def _register_commands() -> None:
    """Each stage registers its own commands; heavy imports happen inside the commands, not here."""
    import importlib

    for name in ("commands_pairs", "commands_stories", "commands_serve"):
        try:
            module = importlib.import_module(f"samestory.cli.{name}")
        except ModuleNotFoundError as error:  # an optional stage not installed in this checkout
            if error.name != f"samestory.cli.{name}":
                raise
            continue
        module.register(app)


_register_commands()


def main() -> None:
    app()
