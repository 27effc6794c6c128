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
    from samestory.cli import commands_pairs, commands_serve, commands_stories

    commands_pairs.register(app)
    commands_stories.register(app)
    commands_serve.register(app)


_register_commands()


def main() -> None:
    app()
