"""The store at scale without the encoder: placement rate, ``similar`` latency, memory per article.

    python benchmarks/stories_scale.py --n 100000 [--scorer PARAMS.json] [--keep STORE]
    python benchmarks/stories_scale.py --n 1000000 --bulk --keep STORE

Precomputed-vector mode: articles come from the synthetic corpus with planted vectors
(``planted_vectors``) and the names and places the generator used, so neither the encoder nor text
analysis runs. What is timed is everything ingest does besides them: near-duplicate check, vector
search, candidate scoring, story and topic bookkeeping, SQLite writes (batches of 64, one transaction
each). Then the store is closed and reopened, as a server would, and ``similar`` (the vector index plus
pair-scorer re-ranking) is timed on random stored articles. Resident memory per stored article is the
growth of the process's RSS from before opening the store to after the index is loaded and queried.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import psutil

from samestory.articles.model import Article, PublishedDate
from samestory.documents.encoders import round_trip_vector
from samestory.documents.model import Document, EntityMention, PlaceMention
from samestory.documents.terms import term_vector
from samestory.stories import neardup
from samestory.stories.engine import EngineConfig, StoryEngine, published_day
from samestory.stories.search import ready_for_queries, similar_articles
from samestory.stories.similarity import load_story_scorer
from samestory.stories.store import NewArticle, StoryStore
from samestory.stories.synthetic import SyntheticArticle, generate, planted_vectors

BATCH = 64


def lightweight_document(article: SyntheticArticle, vector: np.ndarray) -> Document:
    """The Document analysis would give, from what the generator planted (names, city, date)."""
    names = [w for w in article.title.split() + article.text.split()[:40] if w[:1].isupper() and len(w) > 3][:8]
    return Document(
        article=Article(
            id=article.id,
            text=article.text,
            title=article.title,
            lang=article.lang,
            published=PublishedDate(dt.date.fromisoformat(article.date)),
            url=article.url,
            outlet=article.outlet,
        ),
        lang=article.lang,
        lang_confidence=1.0,
        sentences=[],
        entities=[EntityMention(n.lower().strip(".,'"), n, "other") for n in dict.fromkeys(names)],
        places=[PlaceMention(f"city:{article.url.split('/')[2]}", "city", None)],
        dates=[],
        numbers=[],
        terms=term_vector(f"{article.title}\n{article.text}", article.lang),
        head_vector=round_trip_vector(vector),
        title_vector=round_trip_vector(vector),
    )


def place_all(
    db: Path, corpus: list[SyntheticArticle], vectors: np.ndarray, scorer: Path | None
) -> tuple[float, float]:
    """Articles placed per second, and the writer's RSS growth per article over the second half of the run
    (the fixed parts, such as the document cache of 4,096 articles, are full by then)."""
    _, similarity = load_story_scorer(scorer)
    store = StoryStore.open(db)
    engine = StoryEngine(store, similarity, EngineConfig())
    process = psutil.Process()
    halfway = (len(corpus) // 2) // BATCH * BATCH
    rss_halfway = 0
    started = time.perf_counter()
    for start in range(0, len(corpus), BATCH):
        if start == halfway:
            gc.collect()
            rss_halfway = process.memory_info().rss
        chunk = corpus[start : start + BATCH]
        documents = [lightweight_document(a, v) for a, v in zip(chunk, vectors[start : start + BATCH], strict=True)]
        engine.place_batch(documents, [neardup.signature(d.article.full_text) for d in documents])
        if start and start % 10_000 < BATCH:
            rate = start / (time.perf_counter() - started)
            print(f"  placed {start} ({rate:.0f}/s)", flush=True)
    elapsed = time.perf_counter() - started
    gc.collect()
    growth = (process.memory_info().rss - rss_halfway) / max(1, len(corpus) - halfway)
    store.close()
    return len(corpus) / elapsed, growth


BULK = 20_000
"""Articles per transaction of the bulk build."""


def store_bulk(db: Path, corpus: list[SyntheticArticle], vectors: np.ndarray) -> tuple[float, float]:
    """Articles stored per second under the generator's own stories, without placement's decisions (each story
    its own topic), a transaction of ``BULK`` articles at a time: a store of a size that placement cannot reach
    in a session (sequential placement slows to ~140 articles/s by 100,000), for the query, disk and reader
    measurements. Rows, vector index and near-duplicate buckets are written as ingest writes them, so the
    writer's RSS growth per article over the second half is that of the store's own structures (the engine
    keeps nothing per article; placement adds its bounded document cache)."""
    store = StoryStore.open(db)
    placed: dict[str, tuple[int, int]] = {}
    process = psutil.Process()
    halfway = (len(corpus) // 2) // BULK * BULK
    rss_halfway = 0
    started = time.perf_counter()
    for start in range(0, len(corpus), BULK):
        if start == halfway:
            gc.collect()
            rss_halfway = process.memory_info().rss
        chunk = corpus[start : start + BULK]
        documents = [lightweight_document(a, v) for a, v in zip(chunk, vectors[start : start + BULK], strict=True)]
        with store.transaction():
            batch = store.next_batch_number()
            rows, topics = [], {}
            for article, document in zip(chunk, documents, strict=True):
                day = published_day(document)
                if article.story not in placed:
                    placed[article.story] = store.create_story(day)
                story, topic = placed[article.story]
                store.grow_story(story, day)
                count, total = topics.get(topic, (0, np.zeros_like(document.head_vector)))
                topics[topic] = (count + 1, total + document.head_vector)
                rows.append(NewArticle(document, neardup.signature(document.article.full_text), story, None, None))
            store.add_to_topics(topics)
            store.insert_articles(rows, batch, store.next_article_key())
        stored = start + len(chunk)
        print(f"  stored {stored} ({stored / (time.perf_counter() - started):.0f}/s)", flush=True)
    elapsed = time.perf_counter() - started
    gc.collect()
    growth = (process.memory_info().rss - rss_halfway) / max(1, len(corpus) - halfway)
    store.close()
    return len(corpus) / elapsed, growth


@dataclass(frozen=True)
class SimilarRun:
    p50_ms: float
    p99_ms: float
    rss_per_article: float
    count: int
    precision: float
    """Of the articles shown, the share from the query's own story (the generator's truth)."""
    recall: float
    """Of the query's story-mates (at most k), the share shown."""


def similar_latency(db: Path, scorer: Path | None, queries: int, truth: dict[str, str]) -> SimilarRun:
    """``similar`` (k=10) on a reopened store: latency, RSS per stored article, and same-story precision and
    recall of what it shows."""
    gc.collect()
    process = psutil.Process()
    before = process.memory_info().rss
    _, similarity = load_story_scorer(scorer)
    store = StoryStore.open(db, readonly=True)
    count = store.count()
    rng = np.random.default_rng(3)
    keys = rng.choice(store.keys(), size=queries, replace=False)
    story_size = Counter(truth[str(row[0])] for row in store.connection.execute("SELECT id FROM articles"))
    similar_articles(store, similarity, store.documents([int(keys[0])])[int(keys[0])], 10)
    ready_for_queries(store)  # as the API server does after its warm-up
    times, precisions, recalls = [], [], []
    for key in keys:
        document = store.documents([int(key)])[int(key)]
        started = time.perf_counter()
        found = similar_articles(store, similarity, document, 10, exclude=int(key))
        times.append(time.perf_counter() - started)
        story = truth[document.id]
        mates = sum(truth[f.id] == story for f in found)
        precisions.append(mates / max(1, len(found)))
        if story_size[story] > 1:
            recalls.append(mates / min(10, story_size[story] - 1))
    rss = process.memory_info().rss - before
    store.close()
    p50, p99 = np.percentile(np.array(times) * 1000, [50, 99])
    return SimilarRun(float(p50), float(p99), rss / count, count, float(np.mean(precisions)), float(np.mean(recalls)))


def _without_exact_repeats(corpus: list[SyntheticArticle]) -> list[SyntheticArticle]:
    """Ingest skips exact repeats before the engine sees them; so does this benchmark."""
    seen: set[str] = set()
    kept = []
    for article in corpus:
        digest = Article(id=article.id, text=article.text, title=article.title).content_hash
        if digest not in seen:
            seen.add(digest)
            kept.append(article)
    return kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--scorer", type=Path, default=None, help="Scorer parameters (default: the shipped scorer).")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument(
        "--bulk",
        action="store_true",
        help="Store the corpus under the generator's stories instead of placing it (no placement rate; the writer's"
        " memory is that of the store's structures): for query, disk, reader and writer figures at a million.",
    )
    parser.add_argument(
        "--keep", type=Path, help="Write the store here instead of a temporary folder; if it exists, only query it."
    )
    args = parser.parse_args(argv)
    corpus = _without_exact_repeats(generate(args.n, seed=5))
    vectors = planted_vectors(corpus, dim=512, seed=5)
    with tempfile.TemporaryDirectory() as folder:
        db = args.keep or Path(folder) / "scale.db"
        if db.exists():
            rate, growth = None, None
        elif args.bulk:
            rate, growth = store_bulk(db, corpus, vectors)
        else:
            rate, growth = place_all(db, corpus, vectors, args.scorer)
        truth = {a.id: a.story for a in corpus}
        del corpus, vectors  # a server does not hold the benchmark's corpus: its objects would slow every full GC
        run = similar_latency(db, args.scorer, args.queries, truth)
        disk = sum(f.stat().st_size for p in db.parent.glob(db.name + "*") for f in [p, *p.rglob("*")] if f.is_file())
    print(f"{args.n} synthetic articles with planted vectors ({run.count} stored), load {os.getloadavg()[0]:.1f}")
    if rate is not None:
        what = "bulk store under the generator's stories" if args.bulk else "placement without encoder/analysis"
        print(f"{what}: {rate:.0f} articles/s")
    print(
        f"similar, k=10, pair-judgement re-ranking: p50 {run.p50_ms:.1f} ms, "
        f"p99 {run.p99_ms:.1f} ms; same story: precision {run.precision:.3f}, recall {run.recall:.3f}"
    )
    if growth is not None:
        what = "bulk build (store structures, no placement)" if args.bulk else "placement"
        print(f"writer memory growth over the second half of the {what}: {growth:.0f} B/article")
    print(f"resident memory after opening and querying: {run.rss_per_article:.0f} B/article")
    print(f"on disk (SQLite + vector index folder): {disk / run.count:.0f} B/article")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
