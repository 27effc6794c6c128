"""The ``samestory`` command line: one module per command, all registered on one Typer app.

Exit codes: 0 everything worked, 1 some items failed (each named on stderr), 2 the command was misused.
"""

from __future__ import annotations

from typing import Annotated

import typer

from samestory.cli import commands_analysis

app = typer.Typer(
    name="samestory",
    help="Is this the same news story? Compare, score and group multilingual news articles, offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        from samestory import __version__

        typer.echo(f"samestory {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Is this the same news story? Compare, score and group multilingual news articles, offline."""
    _show_input_warnings()


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


def _show_input_warnings() -> None:
    """Every input warning, once per occurrence, as one ``warning: ITEM: reason`` line on stderr."""
    import warnings

    from samestory.errors import InputWarning

    default = warnings.showwarning

    def show(message, category, filename, lineno, file=None, line=None):  # type: ignore[no-untyped-def]
        if issubclass(category, InputWarning):
            typer.echo(f"warning: {message}", err=True)
        else:
            default(message, category, filename, lineno, file, line)

    warnings.simplefilter("always", InputWarning)
    warnings.showwarning = show
