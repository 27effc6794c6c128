"""Time-sharded placement against one sequential placement: the same stories, and how much faster.

    python benchmarks/sharded_placement.py --n 100000 [--workers 2] [--dev ../shared/data/news-dev.jsonl]

Synthetic mode: articles from the synthetic corpus with planted vectors and the names and places the
generator used (``stories_scale.lightweight_document``), so neither encoder nor analysis runs; what is timed
is placement alone (near-duplicate check, candidate search and scoring, bookkeeping, SQLite writes into a
store file), first by one sequential engine (``--workers 1``: what ingest does), then by ``ShardedPlacer``
with ``--workers`` processes. Both stores start empty. The agreement of the two partitions is B³-F1 of one
against the other (the target is ≥ 0.99), and each is scored against the generator's truth.

With ``--dev``, the real articles of a labelled file are analysed and encoded once (not timed), placed both
ways, and compared the same way.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from samestory.articles import FieldMap, read_articles
from samestory.documents.analyze import analyse_text
from samestory.documents.encoders import get_encoder
from samestory.documents.model import Document
from samestory.stories import neardup
from samestory.stories.engine import EngineConfig, StoryEngine
from samestory.stories.evaluation import bcubed, read_labels
from samestory.stories.preparation import encode_documents
from samestory.stories.sharded import ShardedPlacer
from samestory.stories.similarity import load_story_scorer
from samestory.stories.store import StoryStore
from samestory.stories.synthetic import generate, planted_vectors
from stories_scale import _without_exact_repeats, lightweight_document


def place(
    documents: list[Document], signatures: list[np.ndarray], workers: int, folder: Path
) -> tuple[list[int], list[int], float]:
    """Stories and (final) topics of ``documents`` placed into a new store file, and the seconds it took."""
    _, scorer = load_story_scorer(None)
    db = folder / f"placed-{workers}.db"
    store = StoryStore.open(db)
    engine = StoryEngine(store, scorer, EngineConfig())
    placer = ShardedPlacer(engine, workers)  # one worker: ingest's own loop, a batch after another in date order
    started = time.perf_counter()
    placements = placer.place(documents, signatures)
    placer.close()
    elapsed = time.perf_counter() - started
    final = store.placements(p.key for p in placements)  # topics merge after an article is placed
    store.close()
    return [p.story for p in placements], [final[p.key].topic for p in placements], elapsed


def compare(
    name: str, documents: list[Document], truth: Sequence[str], topic_truth: Sequence[str], workers: int
) -> None:
    signatures = [neardup.signature(d.article.full_text) for d in documents]
    with tempfile.TemporaryDirectory() as folder:
        single, single_topics, single_seconds = place(documents, signatures, 1, Path(folder))
        sharded, sharded_topics, sharded_seconds = place(documents, signatures, workers, Path(folder))
    agreement = bcubed(sharded, single)
    n = len(documents)
    print(f"{name}: {n} articles, load {os.getloadavg()[0]:.1f}")
    print(
        f"  sequential: {n / single_seconds:.0f} articles/s, B³-F1 vs truth: stories {bcubed(single, truth).f1:.3f}"
        f", topics {bcubed(single_topics, topic_truth).f1:.3f}"
    )
    print(
        f"  sharded, {workers} workers: {n / sharded_seconds:.0f} articles/s "
        f"({single_seconds / sharded_seconds:.2f}×), B³-F1 vs truth: stories {bcubed(sharded, truth).f1:.3f}"
        f", topics {bcubed(sharded_topics, topic_truth).f1:.3f}"
    )
    print(f"  sharded vs sequential: B³ precision {agreement.precision:.4f} recall {agreement.recall:.4f} "
          f"F1 {agreement.f1:.4f}")  # fmt: skip


def synthetic_documents(n: int) -> tuple[list[Document], list[str], list[str]]:
    corpus = _without_exact_repeats(generate(n, seed=5))
    vectors = planted_vectors(corpus, dim=512, seed=5)
    documents = [lightweight_document(a, v) for a, v in zip(corpus, vectors, strict=True)]
    return documents, [a.story for a in corpus], [a.topic for a in corpus]


def dev_documents(path: Path) -> tuple[list[Document], list[str], list[str]]:
    articles = list(read_articles([str(path)], FieldMap()))
    labels = read_labels(path)
    documents = [analyse_text(article) for article in articles]
    encode_documents(documents, get_encoder("use"))
    return documents, [labels[a.id].event for a in articles], [labels[a.id].topic for a in articles]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=20_000, help="Synthetic articles (0: none).")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--dev", type=Path, help="A labelled news file (news-dev.jsonl) to place both ways too.")
    args = parser.parse_args(argv)
    if args.dev:
        compare(args.dev.name, *dev_documents(args.dev), args.workers)
    if args.n:
        compare(f"synthetic ({args.n} generated)", *synthetic_documents(args.n), args.workers)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
