"""Pair commands: ``compare``, ``score``, ``train``, ``eval pairs`` and ``eval dev``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from samestory.cli.reporting import FailureLog, FieldsOption, progress, user_errors, write_json_line

ScorerOption = Annotated[
    Path | None, typer.Option("--scorer", help="Scorer parameters written by `samestory train` (default: shipped).")
]
_SCORE_BATCH = 512
DateOption = Annotated[
    str | None, typer.Option(help="Publication date (YYYY-MM-DD) for a file that carries none, e.g. plain text.")
]


def register(app: typer.Typer) -> None:
    app.command("compare")(compare)
    app.command("score")(score)
    app.command("train")(train)
    from samestory.cli.eval_group import eval_app

    eval_app.command("pairs")(eval_pairs)
    eval_app.command("dev")(eval_dev)


def compare(
    a: Annotated[str, typer.Argument(help="First article: a file (txt, html, json, jsonl: first record) or '-'.")],
    b: Annotated[str, typer.Argument(help="Second article.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the full comparison as JSON.")] = False,
    scorer_path: ScorerOption = None,
    fields: FieldsOption = None,
    date_a: DateOption = None,
    date_b: DateOption = None,
) -> None:
    """Is this the same story? Similarity, label, SemEval scores (1 = very similar) and the evidence."""
    from samestory.articles import FieldMap, read_one_article
    from samestory.pairs import compare as compare_articles
    from samestory.pairs.scoring import load_scorer

    with user_errors():
        if a == "-" and b == "-":
            raise typer.BadParameter("only one of the two articles can come from stdin")
        field_map = FieldMap.parse(fields)
        article_a = _with_date(read_one_article(a, field_map), date_a, "--date-a")
        article_b = _with_date(read_one_article(b, field_map), date_b, "--date-b")
        result = compare_articles(article_a, article_b, scorer=load_scorer(scorer_path))
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        from samestory.cli.compare_report import print_report

        print_report(result)


def _with_date(article, date: str | None, option: str):  # type: ignore[no-untyped-def]
    """Plain-text files carry no publication date; time is what separates sibling stories."""
    import dataclasses

    from samestory.articles.dates import parse_published
    from samestory.errors import InputError

    if date is None:
        return article
    published = parse_published(date)
    if published is None:
        raise InputError(option, f"{date!r} is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)")
    return dataclasses.replace(article, published=published)


def score(
    articles: Annotated[str, typer.Argument(help="Articles (JSONL/CSV with id, title, text, lang, date, url).")],
    pairs: Annotated[Path, typer.Argument(help="JSON Lines of pairs with id1, id2.")],
    scorer_path: ScorerOption = None,
    fields: FieldsOption = None,
) -> None:
    """Score many pairs: one JSON line per pair on stdout; each article is analysed once."""
    from samestory.articles import FieldMap, read_articles
    from samestory.documents import AnalysisOptions, analyse
    from samestory.pairs.scoring import load_scorer

    log = FailureLog()
    with user_errors():
        scorer = load_scorer(scorer_path)
        wanted = _read_pairs(pairs, log)
        needed = {article_id for pair in wanted for article_id in pair[1:]}
        loaded = [a for a in log.articles(read_articles([articles], FieldMap.parse(fields))) if a.id in needed]
        documents = {d.id: d for d in analyse(loaded, AnalysisOptions(encoder=scorer.encoder))}
        scorable = []
        for item, id1, id2 in wanted:
            missing = [i for i in (id1, id2) if i not in documents]
            if missing:
                log.report(item, f"unknown or unreadable article id(s): {', '.join(missing)}")
            else:
                scorable.append((id1, id2))
        batches = [scorable[i : i + _SCORE_BATCH] for i in range(0, len(scorable), _SCORE_BATCH)]
        for batch in progress(batches, len(batches), "scoring pairs"):
            results = scorer.score_batch([(documents[id1], documents[id2]) for id1, id2 in batch])
            for (id1, id2), (similarity, scores) in zip(batch, results, strict=True):
                write_json_line({
                    "id1": id1, "id2": id2, "similarity": round(similarity, 4),
                    "label": scorer.thresholds.label(similarity), **{k: round(v, 3) for k, v in scores.items()},
                })  # fmt: skip
    log.finish()


def _read_pairs(path: Path, log: FailureLog) -> list[tuple[str, str, str]]:
    from samestory.articles.text import decode_bytes

    try:
        text = decode_bytes(path.read_bytes(), str(path), max_bytes=5_000_000_000)
    except OSError as error:
        from samestory.errors import InputError

        raise InputError(str(path), f"cannot be read ({error.strerror})") from error
    pairs = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        item = f"{path}:{number}"
        try:
            record = json.loads(line)
            pairs.append((item, str(record["id1"]), str(record["id2"])))
        except json.JSONDecodeError as error:
            log.report(item, f"is not valid JSON ({error.msg})")
        except (KeyError, TypeError):
            log.report(item, "needs the fields id1 and id2")
    return pairs


def train(
    out: Annotated[Path, typer.Option("--out", help="Where to write the scorer parameters (JSON).")],
    dev: Annotated[Path | None, typer.Option("--dev", help="Labelled file like news-dev.jsonl.")] = None,
    semeval_csv: Annotated[Path | None, typer.Option("--semeval-csv", help="SemEval-2022 Task 8 pairs CSV.")] = None,
    semeval_dir: Annotated[
        Path | None, typer.Option("--semeval-dir", help="The downloader's article directory.")
    ] = None,
    encoder: Annotated[str, typer.Option(help="Encoder the scorer is fitted for: use, e5 or st:NAME.")] = "use",
) -> None:
    """Re-fit the scorer from dev-format or SemEval-format labelled data."""
    with user_errors():
        if dev is not None:
            from samestory.pairs.training import train_on_dev

            report = train_on_dev(dev, out, encoder)
            _print_dev_report(report)
        elif semeval_csv is not None and semeval_dir is not None:
            from samestory.pairs.semeval_task import load_semeval, train_on_semeval

            data = load_semeval(semeval_csv, semeval_dir, encoder)
            for failure in data.failures:
                typer.echo(f"warning: {failure}", err=True)
            typer.echo(json.dumps(train_on_semeval(data, out, encoder)))
        else:
            raise typer.BadParameter("give --dev FILE, or --semeval-csv CSV with --semeval-dir DIR")
    typer.echo(f"scorer written to {out}; use it with --scorer {out}")


def eval_pairs(
    csv_path: Annotated[Path, typer.Option("--csv", help="SemEval-2022 Task 8 pairs CSV with Overall.")],
    articles_dir: Annotated[Path, typer.Option("--dir", help="The downloader's article directory.")],
    scorer_path: ScorerOption = None,
) -> None:
    """Pearson on Overall, overall and per language pair, as the SemEval leaderboard reports it."""
    from samestory.pairs.scoring import load_scorer
    from samestory.pairs.semeval_task import evaluate_semeval, load_semeval

    log = FailureLog()
    with user_errors():
        scorer = load_scorer(scorer_path)
        data = load_semeval(csv_path, articles_dir, scorer.encoder)
        for failure in data.failures:
            log.report(failure.item, failure.reason)
        typer.echo(json.dumps(evaluate_semeval(data, scorer), indent=2))
    log.finish()


def eval_dev(
    path: Annotated[Path, typer.Argument(help="Labelled file like news-dev.jsonl.")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Topic-grouped cross-validated Pearson, Spearman and AUCs of the scorer, beside plain USE cosine."""
    from samestory.pairs.training import dev_pair_data, evaluate_dev, load_dev

    with user_errors():
        documents, labels = load_dev(path)
        report, _ = evaluate_dev(documents, labels, dev_pair_data(documents, labels))
    if as_json:
        typer.echo(json.dumps({"scorer_cv": report.scorer.as_dict(), "baseline_use_cosine": report.baseline.as_dict()}))
    else:
        _print_dev_report(report)


def _print_dev_report(report) -> None:  # type: ignore[no-untyped-def]
    names = ("pearson", "spearman", "auc_same_vs_rest", "auc_same_vs_related", "auc_cross_lingual")
    typer.echo(f"{'':28s}" + "".join(f"{n:>22s}" for n in names))
    for title, metrics in (("samestory (CV by topic)", report.scorer), ("USE cosine baseline", report.baseline)):
        typer.echo(f"{title:28s}" + "".join(f"{getattr(metrics, n):22.3f}" for n in names))
    typer.echo(
        f"pairs: {report.scorer.pairs}; thresholds same_story {report.same_story_threshold:.3f}, "
        f"related {report.related_threshold:.3f}"
    )
