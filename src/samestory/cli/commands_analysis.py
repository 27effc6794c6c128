"""``samestory inspect``: what samestory understands of an article."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from samestory.cli.reporting import FailureLog, FieldsOption, stdout_console, user_errors

FilesArgument = Annotated[
    list[str], typer.Argument(help="Files, directories or '-' for stdin (txt, html, jsonl, csv, json).")
]


def register(app: typer.Typer) -> None:
    app.command("inspect")(inspect)


def inspect(
    files: FilesArgument,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object per article.")] = False,
    fields: FieldsOption = None,
    vectors: Annotated[bool, typer.Option(help="Also compute the vectors (slower; shows their size).")] = False,
) -> None:
    """Show the Document of each article: language, sentences, entities, places, dates, numbers."""
    from samestory.articles import FieldMap, read_articles
    from samestory.documents import AnalysisOptions, analyse
    from samestory.documents.export import document_to_dict

    log = FailureLog()
    with user_errors():
        field_map = FieldMap.parse(fields)
        for article in log.articles(read_articles(files, field_map)):
            document = analyse([article], AnalysisOptions(with_vectors=vectors))[0]
            for warning in document.warnings:
                log.warn(article.source or article.id, warning)
            record = document_to_dict(document)
            if vectors and document.head_vector is not None:
                record["vector_dim"] = int(document.head_vector.shape[0])
            if as_json:
                typer.echo(json.dumps(record, ensure_ascii=False, indent=2))
            else:
                _print_document(record)
    log.finish()


def _print_document(record: dict) -> None:  # type: ignore[type-arg]
    from rich.markup import escape

    console = stdout_console()
    title = record["title"] or Path(record["source"] or record["id"]).name
    console.print(f"[bold]{escape(title)}[/bold]  ({escape(record['id'])})")
    console.print(
        f"  language {record['lang']} ({record['lang_confidence']:.2f})  ·  {record['sentences']} sentences"
        f"  ·  published {record['published'] or 'unknown'}"
    )
    people = [f"{e['name']} [{e['key']}]" for e in record["entities"] if e["kind"] == "person"]
    bodies = [f"{e['name']} [{e['key']}]" for e in record["entities"] if e["kind"] != "person"]
    places = [f"{p['name']} [{p['key']}]" for p in record["places"]]
    dates = [f"{d['date']} ({d['text']})" for d in record["dates"]] + record["time_expressions"]
    numbers = [f"{q['text']} [{q['key']}]" for q in record["numbers"]]
    for label, values in (
        ("people", people),
        ("organisations", bodies),
        ("places", places),
        ("dates", dates),
        ("numbers", numbers),
    ):
        console.print(f"  [cyan]{label}[/cyan]: {escape(', '.join(values[:25])) or '—'}")
