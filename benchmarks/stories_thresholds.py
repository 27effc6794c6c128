"""Choose the story engine's thresholds by topic-grouped cross-validation on a labelled file.

    python benchmarks/stories_thresholds.py ../shared/data/news-dev.jsonl [--scorer auto] [--folds 5]

Topics (an event with its siblings) are split into folds, so a held-out fold's events and their
siblings were never seen when its thresholds were chosen. For each fold the join threshold is the one
with the best story B³-F1 on the other folds, and the topic threshold the best topic B³-F1 there; the
held-out fold is then clustered with them. Reported: the pooled cross-validated B³ (each fold's
clusters kept apart), the thresholds each fold chose, and their median, which is what ships in
``samestory.stories.engine.THRESHOLDS``. The best thresholds on the whole file are printed too, marked
as optimistic, only to show how far the cross-validated choice is from them.

Analysed documents are cached (``--cache``), so reruns cost seconds with the fallback scorer.
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from samestory.articles import read_articles
from samestory.articles.model import Article
from samestory.documents import analyse_text, get_encoder
from samestory.documents.model import Document
from samestory.stories import neardup
from samestory.stories.clustering import date_order
from samestory.stories.engine import EngineConfig, StoryEngine, config_for
from samestory.stories.evaluation import Labels, bcubed, read_labels
from samestory.stories.preparation import encode_documents
from samestory.stories.records import INGEST_SENTENCE_VECTORS, MAX_SENTENCE_VECTORS
from samestory.stories.similarity import PairSimilarity, load_pair_similarity
from samestory.stories.store import StoryStore

JOIN_GRID = tuple(round(x, 3) for x in np.arange(0.30, 0.851, 0.025))
TOPIC_GRID = tuple(round(x, 3) for x in np.arange(0.25, 0.651, 0.025))


class MemoSimilarity:
    """Caches pair scores by article ids: the grid re-runs the engine on the same pairs many times."""

    def __init__(self, inner: PairSimilarity) -> None:
        self.inner = inner
        self.cache: dict[tuple[str, str], float] = {}

    def similarity(self, a: Document, b: Document) -> float:
        return float(self.similarities(a, [b])[0])

    def similarities(self, a: Document, others: list[Document]) -> np.ndarray:
        missing = [o for o in others if (a.id, o.id) not in self.cache]
        if missing:
            values = self.inner.similarities(a, missing)
            self.cache.update({(a.id, o.id): float(v) for o, v in zip(missing, values, strict=True)})
        return np.array([self.cache[(a.id, o.id)] for o in others])


def load_documents(path: Path, cache: Path) -> list[Document]:
    """Analysed and encoded documents, cached by the file and the analysis code that produced them."""
    import samestory

    package = Path(samestory.__file__).parent
    sources = sorted([*package.glob("articles/*.py"), *package.glob("documents/*.py"), package / "stories/ingest.py"])
    digest = hashlib.sha1(path.read_bytes() + b"".join(p.read_bytes() for p in sources)).hexdigest()[:16]
    cached = cache / f"stories-dev-{digest}.pkl"
    if cached.exists():
        return pickle.loads(cached.read_bytes())
    articles = [a for a in read_articles([path]) if isinstance(a, Article)]
    documents = [analyse_text(a) for a in articles]
    encode_documents(documents, get_encoder(), sentences=MAX_SENTENCE_VECTORS)
    cache.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(pickle.dumps(documents))
    return documents


def cluster(documents: Sequence[Document], scorer: PairSimilarity, config: EngineConfig) -> dict[str, tuple[int, int]]:
    """The engine on an in-memory store, in date order, one batch per 64 articles as ``ingest`` does."""
    by_article = {id(d.article): d for d in documents}
    ordered = [by_article[id(a)] for a in date_order([d.article for d in documents])]
    store = StoryStore.open(None)
    engine = StoryEngine(store, scorer, config)
    for start in range(0, len(ordered), 64):
        batch = ordered[start : start + 64]
        engine.place_batch(batch, [neardup.signature(d.article.full_text) for d in batch])
    rows = store.execute("SELECT a.id, a.story, s.topic FROM articles a JOIN stories s ON s.id = a.story")
    result = {row[0]: (row[1], row[2]) for row in rows}
    store.close()
    return result


def scores(
    documents: Sequence[Document], labels: dict[str, Labels], scorer: PairSimilarity, join: float, topic: float
) -> tuple[float, float]:
    placed = cluster(documents, scorer, EngineConfig(join_threshold=join, topic_threshold=topic))
    ids = [d.id for d in documents]
    story = bcubed([placed[i][0] for i in ids], [labels[i].event for i in ids]).f1
    topics = bcubed([placed[i][1] for i in ids], [labels[i].topic for i in ids]).f1
    return story, topics


def best_thresholds(
    documents: Sequence[Document], labels: dict[str, Labels], scorer: PairSimilarity, topic_default: float
) -> tuple[float, float]:
    """Best join threshold for stories, then best topic threshold for topics (ties: the middle one)."""
    story_f1 = {join: scores(documents, labels, scorer, join, topic_default)[0] for join in JOIN_GRID}
    join = _middle_of_best(story_f1)
    topic_f1 = {topic: scores(documents, labels, scorer, join, topic)[1] for topic in TOPIC_GRID}
    return join, _middle_of_best(topic_f1)


def _middle_of_best(values: dict[float, float]) -> float:
    """The median of the thresholds within 0.002 of the best F1: plateaus are common on small data."""
    best = max(values.values())
    return float(statistics.median_low(sorted(t for t, f in values.items() if f >= best - 0.002)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", type=Path)
    parser.add_argument("--scorer", default="auto")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "samestory")
    parser.add_argument(
        "--sentence-vectors",
        type=int,
        default=INGEST_SENTENCE_VECTORS,
        help=f"Sentence vectors per article, as ingest keeps them (0-{MAX_SENTENCE_VECTORS}): what are they worth?",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    labels = read_labels(args.file)
    documents = [d for d in load_documents(args.file, args.cache) if d.id in labels]
    for document in documents:
        kept = document.sentence_vectors[: args.sentence_vectors] if document.sentence_vectors is not None else None
        document.sentence_vectors = kept if kept is not None and len(kept) else None
    name, inner = load_pair_similarity(args.scorer)
    scorer = MemoSimilarity(inner)
    default_topic = config_for(name).topic_threshold
    topics = sorted({labels[d.id].topic for d in documents})
    fold_of = {topic: i % args.folds for i, topic in enumerate(topics)}
    predicted: dict[str, tuple[str, str]] = {}
    chosen: list[tuple[float, float]] = []
    for fold in range(args.folds):
        train = [d for d in documents if fold_of[labels[d.id].topic] != fold]
        test = [d for d in documents if fold_of[labels[d.id].topic] == fold]
        join, topic = best_thresholds(train, labels, scorer, default_topic)
        chosen.append((join, topic))
        placed = cluster(test, scorer, EngineConfig(join_threshold=join, topic_threshold=topic))
        predicted.update({i: (f"{fold}:{s}", f"{fold}:{t}") for i, (s, t) in placed.items()})
        print(f"fold {fold}: {len(test)} held-out articles, join {join:.3f}, topic {topic:.3f}", file=sys.stderr)
    ids = [d.id for d in documents]
    cv_story = bcubed([predicted[i][0] for i in ids], [labels[i].event for i in ids])
    cv_topic = bcubed([predicted[i][1] for i in ids], [labels[i].topic for i in ids])
    median_join = statistics.median(j for j, _ in chosen)
    median_topic = statistics.median(t for _, t in chosen)
    full_story, full_topic = scores(documents, labels, scorer, median_join, median_topic)
    optimistic = best_thresholds(documents, labels, scorer, median_topic)
    print(
        f"scorer {name}; {len(documents)} articles, {len(topics)} topics in {args.folds} folds; "
        f"{args.sentence_vectors} sentence vectors per article"
    )
    print(f"cross-validated (pooled held-out folds): story B3-F1 {cv_story.f1:.3f}, topic B3-F1 {cv_topic.f1:.3f}")
    print(f"thresholds chosen per fold: {[f'{j:.3f}/{t:.3f}' for j, t in chosen]}")
    print(
        f"median choice: join {median_join:.3f}, topic {median_topic:.3f} -> on the whole file: story "
        f"{full_story:.3f}, topic {full_topic:.3f}"
    )
    print(f"(optimistic: best on the whole file would be join {optimistic[0]:.3f}, topic {optimistic[1]:.3f})")
    print(f"{time.perf_counter() - started:.0f} s, {len(scorer.cache)} distinct pairs scored")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
