"""Story commands: ``ingest``, ``stories``, ``similar``, ``cluster`` and ``eval stories``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from samestory.cli.eval_group import eval_app
from samestory.cli.reporting import (
    FailureLog,
    FastOption,
    FieldsOption,
    PreciseOption,
    ScorerOption,
    chosen_scorer,
    counted,
    progress,
    user_errors,
    write_json_line,
)

if TYPE_CHECKING:
    from samestory.articles import FieldMap
    from samestory.articles.model import Article, ReadResult
    from samestory.stories.corrections import Correction
    from samestory.stories.ingest import Ingestor
    from samestory.stories.store import StoryStore
    from samestory.stories.summary import GroupSummary

InputsArgument = Annotated[
    list[str],
    typer.Argument(help="Files, directories (also SemEval dirs) or '-' for stdin (txt, html, jsonl, csv, json)."),
]
DbOption = Annotated[Path, typer.Option("--db", help="The story store: an SQLite file (created by ingest).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON Lines instead of text.")]
Level = Literal["story", "topic"]


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
    stories_app = typer.Typer(
        invoke_without_command=True, help="List the stories (or topics) of a store; merge and split them."
    )
    stories_app.callback()(stories)
    stories_app.command("merge")(merge)
    stories_app.command("split")(split)
    stories_app.command("log")(corrections_log)
    stories_app.command("recluster")(recluster)
    app.add_typer(stories_app, name="stories")
    app.command("similar")(similar)
    app.command("cluster")(cluster)
    eval_app.command("stories")(eval_stories)
    app.add_typer(eval_app, name="eval")


def ingest(
    inputs: InputsArgument,
    db: DbOption,
    fields: FieldsOption = None,
    scorer: ScorerOption = None,
    fast: FastOption = False,
    precise: PreciseOption = False,
    as_json: JsonOption = False,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, hidden=True, help="Articles per transaction.")] = 64,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=0,
            help="Processes that analyse and encode long inputs (default: one per CPU core; 0: threads only). "
            "With --engine ray: Ray actors (default: one per CPU of the cluster).",
        ),
    ] = None,
    engine: Annotated[
        str,
        typer.Option(
            "--engine",
            help="Where analysis and encoding run: 'local' (threads, then worker processes) or 'ray' (Ray "
            "actors; pip install 'samestory[ray]'). Placement and the store stay in this process.",
        ),
    ] = "local",
    address: Annotated[
        str | None,
        typer.Option("--address", help="Ray cluster address (ray://HOST:10001 or HOST:6379); default: local Ray."),
    ] = None,
    placement_workers: Annotated[
        int,
        typer.Option(
            "--placement-workers",
            min=1,
            help="Processes that place time shards of a long dated input at once (archive backfills; docs/scale.md). "
            "The prepared documents of up to 100,000 articles are held in memory for it. Default 1: one "
            "sequential placement, each batch stored as soon as it is ready.",
        ),
    ] = 1,
    prepared_out: Annotated[
        Path | None,
        typer.Option(
            "--prepared-out",
            help="Also write the analysed and encoded documents stored by this run to this Parquet file; a later "
            "'samestory ingest FILE' places them without analysing or encoding again.",
        ),
    ] = None,
) -> None:
    """Add articles to a story store: skip exact duplicates, link near-duplicates, place each in a story."""
    from samestory.articles import FieldMap
    from samestory.stories.prepared import PreparedWriter
    from samestory.stories.session import open_session

    log = FailureLog()
    with user_errors():
        field_map = FieldMap.parse(fields)
        if engine not in ("local", "ray"):
            raise typer.BadParameter(f"{engine!r}: use 'local' or 'ray'", param_hint="--engine")
        if address and engine != "ray":
            raise typer.BadParameter("--address needs --engine ray", param_hint="--address")
        started = time.perf_counter()
        session_options = {"ray_address": address, "use_ray": engine == "ray", "placement_workers": placement_workers}
        with open_session(db, chosen_scorer(scorer, fast, precise), batch_size, workers, **session_options) as session:
            ingestor = session.ingestor
            writer = PreparedWriter(prepared_out, ingestor.encoder.name) if prepared_out else None
            ingestor.on_stored = writer.write if writer else None
            articles = _input_articles(inputs, _reader(field_map, engine, address), ingestor, log)
            try:  # the bar counts stored articles: reading runs ahead (with Ray, reads everything first)
                for outcome in progress(ingestor.run(articles), _estimate(inputs), "ingest"):
                    if outcome.status == "id_taken":
                        log.report(_item_name(outcome.article), _ID_TAKEN.format(id=outcome.article.id))
                    elif outcome.status == "failed":
                        log.report(_item_name(outcome.article), outcome.reason or "failed")
                    for warning in outcome.warnings:
                        typer.echo(f"warning: {_item_name(outcome.article)}: {warning}", err=True)
            finally:
                if writer is not None:
                    writer.close()
            summary = ingestor.summary
            summary.failed = len(log.failures)
            stored, stories_total = session.store.count(), session.story_count()
        elapsed = time.perf_counter() - started
        record = {
            "new": summary.new,
            "duplicates_skipped": summary.duplicates,
            "already_stored": summary.already_stored,
            "near_duplicates": summary.near_duplicates,
            "failed": summary.failed,
            "time_shards": summary.time_shards,
            "articles_in_store": stored,
            "stories_in_store": stories_total,
            "seconds": round(elapsed, 1),
            "stage_seconds": {stage: round(value, 1) for stage, value in summary.seconds.items()},
        }
        if as_json:
            write_json_line(record)
        else:
            typer.echo(
                f"{summary.new} new ({summary.near_duplicates} near-duplicates), {summary.already_stored} already "
                f"stored, {summary.duplicates} repeated in the input, {summary.failed} failed; the store holds "
                f"{counted(stored, 'article')} in {counted(stories_total, 'story', 'stories')}"
            )
    log.finish()


def _reader(fields: FieldMap, engine: str, address: str | None) -> Callable[[list[str]], Iterable[ReadResult]]:
    """How the inputs are read: here, or by Ray Data tasks with ``--engine ray`` (``stories.ray_reading``)."""
    from samestory.articles import read_articles

    if engine == "ray":
        from samestory.stories.ray_reading import read_with_ray

        return lambda names: read_with_ray(names, fields, address)
    return lambda names: read_articles(names, fields)


def _input_articles(
    inputs: list[str], reader: Callable[[list[str]], Iterable[ReadResult]], ingestor: Ingestor, log: FailureLog
) -> Iterator[Article]:
    """The inputs' articles in order; a prepared-documents file's come with their documents, which the
    ingestor then places as they are (``stories.prepared``). Consecutive other inputs are read together (with
    Ray, their files at once)."""
    from samestory.stories.prepared import prepared_encoder, read_prepared

    plain: list[str] = []
    for name in inputs:
        encoder = None if name == "-" else prepared_encoder(Path(name))
        if encoder is None:
            plain.append(name)
            continue
        yield from log.articles(reader(plain)) if plain else ()
        plain = []
        if encoder != ingestor.encoder.name:
            log.report(
                name,
                f"holds documents prepared with the {encoder!r} encoder, and this store holds "
                f"{ingestor.encoder.name!r} vectors: ingest the original articles instead",
            )
        else:
            for document in read_prepared(Path(name)):
                ingestor.known[document.article.content_hash] = document
                yield document.article
    yield from log.articles(reader(plain)) if plain else ()


def stories(
    context: typer.Context,
    db: Annotated[
        Path | None, typer.Option("--db", help="The story store: an SQLite file (created by ingest).")
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Only stories seen on or after this date (YYYY-MM-DD).")
    ] = None,
    level: Annotated[
        str, typer.Option("--level", help="'story' (one happening) or 'topic' (a happening and its siblings).")
    ] = "story",
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Show at most this many.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List the stories (or topics) of a store, most recently seen first; or merge, split, log (below)."""
    from samestory.stories.store import StoryStore
    from samestory.stories.summary import summarise

    if context.invoked_subcommand is not None:
        return
    if db is None:
        raise typer.BadParameter("give the store to list: --db PATH", param_hint="--db")
    with user_errors():
        chosen = _level(level)
        day = _since(since)
        with StoryStore.open(db, create=False, readonly=True) as store:
            groups = summarise(store, chosen, day, limit)
        if not groups and not as_json:
            nothing = "since " + since if since else "yet"
            typer.echo(f"no {chosen if chosen == 'story' else 'topic'} in {db} {nothing}", err=True)
        for group in groups:
            if as_json:
                write_json_line(group.to_dict())
            else:
                _print_group(group)


ByOption = Annotated[
    str | None, typer.Option("--by", help="Who makes the correction, for the log (default: the login name).")
]


def merge(
    first: Annotated[int, typer.Argument(help="A story id.")],
    second: Annotated[int, typer.Argument(help="Another story id; both become one story (the older id).")],
    db: DbOption,
    by: ByOption = None,
    as_json: JsonOption = False,
) -> None:
    """Merge two stories the machine kept apart; the log records who and when."""
    from samestory.stories.corrections import merge_stories

    done = _correct(db, lambda store: merge_stories(store, first, second, by))
    _report_correction(done, f"merged story {done.other} into story {done.story}", as_json)


def split(
    story: Annotated[int, typer.Argument(help="The story to split.")],
    articles: Annotated[list[str], typer.Argument(help="Ids of its articles that report another happening.")],
    db: DbOption,
    by: ByOption = None,
    as_json: JsonOption = False,
) -> None:
    """Move articles out of a story into a new one (their copies follow); later ingests keep them apart."""
    from samestory.stories.corrections import split_story

    done = _correct(db, lambda store: split_story(store, story, articles, by))
    _report_correction(
        done, f"moved {counted(len(articles), 'article')} of story {done.story} to new story {done.other}", as_json
    )


def recluster(
    db: DbOption,
    scorer: ScorerOption = None,
    placement_workers: Annotated[
        int, typer.Option("--placement-workers", min=1, help="Processes that place time shards at once.")
    ] = 1,
    as_json: JsonOption = False,
) -> None:
    """Place every stored article again (after a re-fit, say); stories keep their ids by lineage of members."""
    from samestory.stories.session import recluster_store

    with user_errors():
        report = recluster_store(db, scorer, placement_workers)
    if as_json:
        write_json_line(dataclasses.asdict(report))
        return
    typer.echo(
        f"{counted(report.articles, 'article')} placed again: {report.stories_before} stories before, "
        f"{report.stories_after} now; {report.kept_ids} kept their id, {report.new_ids} are new, "
        f"{report.retired_ids} ids were retired (listed as absorbed by the story holding their articles); "
        f"{counted(report.corrected_stories, 'story', 'stories')} corrected by people left as they are"
    )


def corrections_log(db: DbOption, as_json: JsonOption = False) -> None:
    """The merges and splits people made in this store, oldest first."""
    from samestory.stories.corrections import corrections
    from samestory.stories.store import StoryStore

    with user_errors(), StoryStore.open(db, create=False, readonly=True) as store:
        done = corrections(store)
    if not done and not as_json:
        typer.echo(f"no correction in {db} yet", err=True)
    for correction in done:
        if as_json:
            write_json_line(correction.to_dict())
        else:
            what = f"{correction.action} {correction.story} {correction.other}"
            articles = f" ({', '.join(correction.articles)})" if correction.articles else ""
            typer.echo(f"{correction.at}  {correction.who}  {what}{articles}")


def _correct(db: Path, change: Callable[[StoryStore], Correction]) -> Correction:
    """Apply one correction to the store as its writer; a refused one is a clear message and exit code 1."""
    from samestory.stories.store import StoryStore

    with user_errors(), StoryStore.open(db, create=False) as store:
        return change(store)


def _report_correction(done: Correction, text: str, as_json: bool) -> None:
    if as_json:
        write_json_line(done.to_dict())
    else:
        typer.echo(f"{text} (by {done.who} at {done.at})")


def similar(
    db: DbOption,
    article: Annotated[str, typer.Argument(help="A file (analysed now) or the id of a stored article.")],
    k: Annotated[int, typer.Option("--k", min=1, help="How many articles to show.")] = 10,
    fields: FieldsOption = None,
    scorer: ScorerOption = None,
    fast: FastOption = False,
    precise: PreciseOption = False,
    as_json: JsonOption = False,
) -> None:
    """The coverage of an article's story in the store: nearest articles re-ranked by the pair scorer."""
    from samestory.stories.session import find_similar

    with user_errors():
        results = find_similar(db, article, k, fields, chosen_scorer(scorer, fast, precise))
        for result in results:
            if as_json:
                write_json_line(result.to_dict())
            else:
                typer.echo(
                    f"{result.similarity:.3f}  {result.label:<10}  {result.published or '?':<10}  {result.lang}  "
                    f"story {result.story}  {result.id}  {result.title or ''}"
                )


def cluster(
    inputs: InputsArgument,
    fields: FieldsOption = None,
    scorer: ScorerOption = None,
    fast: FastOption = False,
    precise: PreciseOption = False,
) -> None:
    """Group articles into stories and topics, without a store; prints {"id", "story", "topic"} per article."""
    from samestory.articles import FieldMap, read_articles
    from samestory.stories.clustering import cluster_articles

    log = FailureLog()
    with user_errors():
        scorer = chosen_scorer(scorer, fast, precise)
        articles = unique_ids(log.articles(read_articles(inputs, FieldMap.parse(fields))), log)
        advance = _counter(len(articles), "cluster")
        report = log.report
        assignments = cluster_articles(
            articles, scorer, on_article=advance, on_failure=lambda article, why: report(_item_name(article), why)
        )
        for assignment in assignments:
            write_json_line({"id": assignment.article.id, "story": assignment.story, "topic": assignment.topic})
    log.finish()


def eval_stories(
    file: Annotated[Path, typer.Argument(help="Labelled JSON Lines: id, title, text, lang, date, event, topic.")],
    scorer: ScorerOption = None,
    fast: FastOption = False,
    precise: PreciseOption = False,
    baseline: Annotated[bool, typer.Option(help="Also measure the plain average-link baseline.")] = True,
    as_json: JsonOption = False,
) -> None:
    """B-cubed of story clustering (date order) against 'event' and of topics against 'topic'."""
    from samestory.stories.report import evaluate_file, print_evaluation

    with user_errors():
        report = evaluate_file(file, chosen_scorer(scorer, fast, precise), with_baseline=baseline)
        if as_json:
            write_json_line(report)
        else:
            print_evaluation(report)


_ID_TAKEN = "id {id!r} already names another article (in the store or earlier in the input); refused"


def _item_name(article: Article) -> str:
    return article.source or article.id


def unique_ids(articles: Iterable[Article], log: FailureLog) -> list[Article]:
    """Each id once: a repeat of the same article is skipped with a note, a different article under a taken
    id is reported and refused, so that every printed id names one article."""
    first: dict[str, Article] = {}
    kept = []
    for article in articles:
        earlier = first.get(article.id)
        if earlier is None:
            first[article.id] = article
            kept.append(article)
        elif earlier.content_hash == article.content_hash:
            typer.echo(f"note: {_item_name(article)}: same article as {_item_name(earlier)}; skipped", err=True)
        else:
            log.report(_item_name(article), _ID_TAKEN.format(id=article.id))
    return kept


def _estimate(inputs: list[str]) -> int | None:
    """A cheap count of the articles to expect, for the progress bar's ETA (lines, rows, files)."""
    total = 0
    for name in inputs:
        path = Path(name)
        if name == "-" or not path.exists():
            return None
        if path.is_dir():
            total += sum(1 for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        elif path.suffix.lower() in {".jsonl", ".ndjson", ".csv"}:
            with path.open("rb") as handle:
                total += sum(1 for line in handle if line.strip()) - (path.suffix.lower() == ".csv")
        else:
            total += 1
    return total


def _counter(total: int, description: str) -> Callable[[], object]:
    """A callback advancing a progress bar (shown on terminals only) once per processed article."""
    ticks = progress(iter(int, 1), total, description)
    return lambda: next(ticks)


def _level(level: str) -> Level:
    from samestory.errors import InputError

    if level not in ("story", "topic"):
        raise InputError("--level", f"is {level!r}: use 'story' or 'topic'")
    return level  # type: ignore[return-value]


def _since(since: str | None) -> dt.date | None:
    from samestory.articles.dates import parse_iso_date
    from samestory.errors import InputError

    if since is None:
        return None
    parsed = parse_iso_date(since)
    if parsed is None:
        raise InputError("--since", f"{since!r} is not a date: use YYYY-MM-DD")
    return parsed.date


def _print_group(group: GroupSummary) -> None:
    span = " … ".join(dict.fromkeys(x for x in (group.first_seen, group.last_seen) if x)) or "undated"
    typer.echo(f"{group.level} {group.id}: {group.title or '(untitled)'}")
    typer.echo(
        f"  {counted(group.size, 'article')} · {span} · languages {', '.join(group.languages)}"
        + (f" · {counted(len(group.stories), 'story', 'stories')}" if group.level == "topic" else "")
    )
    if group.outlets:
        typer.echo(f"  outlets: {', '.join(group.outlets[:8])}")
    if group.top_entities or group.top_places:
        typer.echo(f"  about: {', '.join(group.top_entities + group.top_places)}")
    for line in group.articles:
        copy = f" (copy of {line.duplicate_of})" if line.duplicate_of else ""
        typer.echo(f"    {line.published or '?':<10} {line.lang}  {line.id}  {line.title or ''}{copy}")
