"""Pair commands: ``compare``, ``score``, ``train``, ``eval pairs`` and ``eval dev``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from samestory.cli.reporting import (
    FailureLog,
    FieldsOption,
    PreciseOption,
    ScorerOption,
    chosen_scorer,
    progress,
    progress_note,
    user_errors,
    write_json_line,
)

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
    precise: PreciseOption = False,
    fields: FieldsOption = None,
    date_a: DateOption = None,
    date_b: DateOption = None,
) -> None:
    """Is this the same story? Similarity, label, SemEval scores (1 = very similar) and the evidence."""
    from samestory.articles import FieldMap
    from samestory.pairs import compare as compare_articles
    from samestory.pairs.scoring import load_scorer

    with user_errors():
        if a == "-" and b == "-":
            raise typer.BadParameter("only one of the two articles can come from stdin")
        field_map = FieldMap.parse(fields)
        log = FailureLog()
        read = [_read_for_compare(source, field_map, log) for source in (a, b)]
        if log.failures:
            raise typer.Exit(1)
        article_a = _with_date(read[0], date_a, "--date-a")  # type: ignore[arg-type]
        article_b = _with_date(read[1], date_b, "--date-b")  # type: ignore[arg-type]
        result = compare_articles(article_a, article_b, scorer=load_scorer(chosen_scorer(scorer_path, precise=precise)))
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        from samestory.cli.compare_report import print_report

        print_report(result)


def _read_for_compare(source: str, fields, log: FailureLog):  # type: ignore[no-untyped-def]
    """One article per side; a problem with either side is reported, both before stopping."""
    from samestory.articles import read_one_article
    from samestory.errors import InputError

    try:
        if source != "-" and Path(source).is_dir():
            raise InputError(source, "is a directory: compare takes two files (use `cluster` for many articles)")
        return read_one_article(source, fields)
    except InputError as error:
        log.report(error.item, error.reason)
        return None


def _with_date(article, date: str | None, option: str):  # type: ignore[no-untyped-def]
    """Plain-text files carry no publication date; time is what separates sibling stories."""
    import dataclasses

    from samestory.articles.dates import parse_iso_date
    from samestory.errors import InputError

    if date is None:
        return article
    published = parse_iso_date(date)
    if published is None:
        raise InputError(option, f"{date!r} is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)")
    return dataclasses.replace(article, published=published)


def score(
    articles: Annotated[str, typer.Argument(help="Articles (JSONL/CSV with id, title, text, lang, date, url).")],
    pairs: Annotated[Path, typer.Argument(help="JSON Lines of pairs with id1, id2.")],
    scorer_path: ScorerOption = None,
    precise: PreciseOption = False,
    fields: FieldsOption = None,
) -> None:
    """Score many pairs: one JSON line per pair on stdout; each article is analysed once."""
    from samestory.articles import FieldMap, read_articles
    from samestory.documents import AnalysisOptions
    from samestory.documents.analyze import analyse_each
    from samestory.pairs.scoring import load_scorer

    log = FailureLog()
    with user_errors():
        scorer = load_scorer(chosen_scorer(scorer_path, precise=precise))
        wanted = _read_pairs(pairs, log)
        needed = {article_id for pair in wanted for article_id in pair[1:]}
        loaded = [a for a in log.articles(read_articles([articles], FieldMap.parse(fields))) if a.id in needed]
        analysed, failures = analyse_each(loaded, AnalysisOptions(encoder=scorer.encoder, sentence_vectors=False))
        for failure in failures:
            log.report(failure.item, failure.reason)
        documents = {d.id: d for d in analysed}
        scorable = []
        for item, id1, id2 in wanted:
            missing = [i for i in (id1, id2) if i not in documents]
            if missing:
                log.report(item, f"unknown or unreadable article id(s): {', '.join(missing)}")
            else:
                scorable.append((id1, id2))
        batches = [scorable[i : i + _SCORE_BATCH] for i in range(0, len(scorable), _SCORE_BATCH)]
        for batch in progress(batches, len(batches), "scoring pairs"):
            judged = scorer.score_batch([(documents[id1], documents[id2]) for id1, id2 in batch])
            for row, (id1, id2) in enumerate(batch):
                write_json_line({
                    "id1": id1, "id2": id2, "similarity": round(float(judged.similarity[row]), 4),
                    "related": round(float(judged.related[row]), 4), "label": judged.labels[row],
                    **{k: round(v, 3) for k, v in judged.scores[row].items()},
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


SemEvalCsvOption = Annotated[Path, typer.Option("--semeval-csv", help="SemEval-2022 Task 8 pairs CSV (with labels).")]
SemEvalDirOption = Annotated[Path, typer.Option("--semeval-dir", help="The official downloader's article directory.")]
DevOption = Annotated[Path, typer.Option("--dev", help="Labelled file like news-dev.jsonl.")]


def train(
    out: Annotated[Path, typer.Option("--out", help="Where to write the scorer parameters (JSON).")],
    dev: DevOption,
    semeval_csv: SemEvalCsvOption,
    semeval_dir: SemEvalDirOption,
    encoder: Annotated[
        str, typer.Option(help="Encoder the scorer is fitted for: use, use+e5 (the precise mode), e5 or st:NAME.")
    ] = "use",
) -> None:
    """Re-fit the judgement on news-dev and SemEval pairs; prints the cross-validated figures it records."""
    from samestory.pairs.evaluation import cross_validate, dev_report, semeval_report
    from samestory.pairs.training import fit_scorer, save_scorer

    with user_errors():
        dev_data, sem_data, sem_ids = _labelled(dev, semeval_csv, semeval_dir, encoder)
        with progress_note("cross-validating (about five minutes)"):
            cv = cross_validate(dev_data, sem_data)
        dev_figures, _ = dev_report(dev_data, cv)
        sem_figures = semeval_report(cv.sem_scores, sem_data.labels, _head_cos(sem_data), sem_data.language_pairs)
        with progress_note("fitting the shipped models"):
            scorer = fit_scorer(dev_data, sem_data, cv, encoder)
        save_scorer(scorer, out, dev_figures, sem_figures, {"dev": dev.name, "semeval": semeval_csv.name}, sem_ids)
    _print_dev_report(dev_figures, encoder)
    _print_semeval_report(sem_figures, "cross-validated", encoder)
    typer.echo(f"scorer written to {out}; use it with --scorer {out}")


def _labelled(dev: Path, semeval_csv: Path, semeval_dir: Path, encoder: str):  # type: ignore[no-untyped-def]
    """Both labelled sources as feature rows; SemEval articles that cannot be read are reported and skipped."""
    from samestory.pairs.labelled import dev_pairs, load_dev, load_semeval, semeval_pairs

    with progress_note("analysing news-dev"):
        documents, labels = load_dev(dev, encoder)
        dev_data = dev_pairs(documents, labels)
    with progress_note("analysing SemEval articles"):
        loaded = load_semeval(semeval_csv, semeval_dir, encoder)
    for failure in loaded.failures:
        typer.echo(f"warning: {failure}", err=True)
    sem_data = semeval_pairs(loaded)
    return dev_data, sem_data, sem_data.pair_ids


def _head_cos(data):  # type: ignore[no-untyped-def]
    from samestory.pairs.evaluation import HEAD_COS

    return data.features[:, HEAD_COS]


def eval_pairs(
    csv_path: Annotated[Path, typer.Option("--csv", help="SemEval-2022 Task 8 pairs CSV with Overall.")],
    articles_dir: Annotated[Path, typer.Option("--dir", help="The downloader's article directory.")],
    scorer_path: ScorerOption = None,
    precise: PreciseOption = False,
    dev: Annotated[
        Path | None,
        typer.Option("--dev", help="Cross-validate instead: refit on these pairs' folds plus this news-dev file."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Pearson on the seven SemEval scores, overall and per language pair, beside the plain USE cosine.

    Without --dev the scorer is measured as it is (for pairs it was not fitted on); pairs it was fitted on
    are counted and reported. With --dev the figures are cross-validated (folds share no article)."""
    from samestory.pairs.evaluation import cross_validate, evaluate_scorer, semeval_report
    from samestory.pairs.labelled import load_semeval, semeval_pairs
    from samestory.pairs.scoring import load_scorer, trained_pair_ids

    log = FailureLog()
    with user_errors():
        scorer_path = chosen_scorer(scorer_path, precise=precise)
        if dev is not None:
            encoder_name = _cross_validated_encoder(precise)
            dev_data, sem_data, _ = _labelled(dev, csv_path, articles_dir, encoder_name)
            with progress_note("cross-validating (about five minutes)"):
                cv = cross_validate(dev_data, sem_data)
            report = semeval_report(cv.sem_scores, sem_data.labels, _head_cos(sem_data), sem_data.language_pairs)
            how = "cross-validated"
        else:
            scorer = load_scorer(scorer_path)
            encoder_name = scorer.encoder
            with progress_note("analysing SemEval articles"):
                loaded = load_semeval(csv_path, articles_dir, scorer.encoder)
            for failure in loaded.failures:
                log.report(failure.item, failure.reason)
            sem_data = semeval_pairs(loaded)
            report = evaluate_scorer(scorer, sem_data)
            seen = len(set(sem_data.pair_ids) & trained_pair_ids(scorer_path))
            how = "scorer as shipped" if not seen else f"scorer as shipped; {seen} of these pairs were in its training"
    if as_json:
        typer.echo(json.dumps(report.as_dict() | {"how": how}, indent=2))
    else:
        _print_semeval_report(report, how, encoder_name)
    log.finish()


def eval_dev(
    path: Annotated[Path, typer.Argument(help="Labelled file like news-dev.jsonl.")],
    semeval_csv: SemEvalCsvOption,
    semeval_dir: SemEvalDirOption,
    precise: PreciseOption = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Cross-validated figures on news-dev (by topic): Pearson, AUCs, calibration error, false labels on
    unrelated pairs, beside the plain USE cosine. The SemEval pairs are part of every fold's training, as they
    are of the shipped scorer's."""
    from samestory.pairs.evaluation import cross_validate, dev_report

    with user_errors():
        encoder = _cross_validated_encoder(precise)
        dev_data, sem_data, _ = _labelled(path, semeval_csv, semeval_dir, encoder)
        with progress_note("cross-validating (about five minutes)"):
            report, _ = dev_report(dev_data, cross_validate(dev_data, sem_data))
    if as_json:
        typer.echo(json.dumps(report.as_dict(), indent=2))
    else:
        _print_dev_report(report, encoder)


def _cross_validated_encoder(precise: bool) -> str:
    """Cross-validation refits the default scorer's models, or with --precise the precise mode's."""
    return "use+e5" if precise else "use"


def _baseline_name(encoder: str) -> str:
    """The baseline is the plain cosine of the head vectors the scorer reads (USE's in the precise mode too)."""
    return "USE cosine" if encoder in ("use", "use+e5") else f"{encoder} cosine"


def _print_dev_report(report, encoder: str) -> None:  # type: ignore[no-untyped-def]
    names = ("pearson", "spearman", "auc_same_vs_rest", "auc_same_vs_related", "auc_cross_lingual")
    typer.echo(f"news-dev, cross-validated by topic ({report.pairs} pairs)")
    typer.echo(f"{'':30s}" + "".join(f"{n:>21s}" for n in names))
    baseline = f"{_baseline_name(encoder)} baseline"
    for title, metrics in (("samestory similarity", report.similarity), (baseline, report.baseline)):
        typer.echo(f"{title:30s}" + "".join(f"{metrics[n]:21.3f}" for n in names))
    typer.echo(f"graded Overall score, Pearson with the labels: {report.overall_graded_pearson:.3f}")
    typer.echo(
        f"calibration error (ECE) {report.calibration_error:.3f}; on unrelated pairs: false same_story "
        f"{report.false_same_story_unrelated:.2%} ({report.false_same_story_unrelated_same_day:.2%} if published "
        f"the same day), false related {report.false_related_unrelated:.2%}; "
        f"same-story recall {report.same_story_recall:.2%}; sibling pairs called same story "
        f"{report.related_called_same:.2%}"
    )


def _print_semeval_report(report, how: str, encoder: str) -> None:  # type: ignore[no-untyped-def]
    typer.echo(f"SemEval-2022 Task 8, {report.pairs} pairs ({how})")
    baseline = _baseline_name(encoder)
    width = max(14, len(baseline) + 2)
    typer.echo(f"{'':12s}{'pairs':>7s}{'samestory':>11s}{baseline:>{width}s}")
    typer.echo(
        f"{'all':12s}{report.pairs:7d}{report.pearson['overall']:11.3f}{report.pearson['baseline_overall']:{width}.3f}"
    )
    for language, row in report.per_language_pair.items():
        typer.echo(f"{language:12s}{row['pairs']:7d}{row['overall']:11.3f}{row['baseline']:{width}.3f}")
    others = "  ".join(
        f"{name} {value:.3f}" for name, value in report.pearson.items() if name not in ("overall", "baseline_overall")
    )
    typer.echo(f"other scores (Pearson): {others}")
