"""Ingest rate with the real encoder, and its ratio to the bare encoder's rate in the same run.

    python benchmarks/stories_ingest.py --n 10000 [--scorer auto] [--sample 300]

The corpus is synthetic (``samestory.stories.synthetic``, with background sentences that give the reports
the length of real news, ~2,000 characters: the encoder's cost depends on it), written to a temporary JSONL file and
ingested by the same code as ``samestory ingest`` (reader, analysis, encoder, engine, SQLite), into a
fresh store. The encoder is loaded and warmed before the clock starts. The bare encoder is timed on a
sample of the same articles, two ways:

* heads only: one vector per article (title and lead, first 2,000 characters), the minimum any
  vector-based clustering pays;
* heads + sentences: one vector per article and up to 16 sentence vectors, what ingest would pay if it
  kept sentence vectors for the pair scorer's sentence alignment (it does not by default:
  ``INGEST_SENTENCE_VECTORS``).

The bare encoder is timed before and after the ingest and the mean is used: on a shared machine the load
changes during a long run. Reported: articles/s for each, the ratios, the growth of resident memory during
the ingest (models are loaded before), and the store's size on disk.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

import psutil

from samestory.articles import read_articles
from samestory.articles.model import Article
from samestory.documents import analyse_text, get_encoder
from samestory.documents.analyze import HEAD_CHARS
from samestory.documents.sentences import split_sentences
from samestory.stories.records import INGEST_SENTENCE_VECTORS, MAX_SENTENCE_VECTORS
from samestory.stories.session import open_session
from samestory.stories.synthetic import generate


def encoder_rates(articles: list[Article]) -> tuple[float, float]:
    """Articles/s of the bare encoder: heads only, and heads plus the sentence vectors ingest keeps."""
    encoder = get_encoder()
    heads = [a.full_text[:HEAD_CHARS] for a in articles]
    started = time.perf_counter()
    encoder.encode(heads)
    heads_rate = len(articles) / (time.perf_counter() - started)
    sentences = [s for a in articles for s in split_sentences(a.full_text)[:MAX_SENTENCE_VECTORS]]
    started = time.perf_counter()
    encoder.encode(heads + sentences)
    full_rate = len(articles) / (time.perf_counter() - started)
    return heads_rate, full_rate


def ingest_rate(path: Path, db: Path, scorer: str) -> tuple[float, int, dict[str, float]]:
    """Articles/s of the whole ingest, articles stored, and seconds per stage (see ``IngestSummary``)."""
    with open_session(db, scorer) as session:
        articles = [a for a in read_articles([path]) if isinstance(a, Article)]
        started = time.perf_counter()
        for _ in session.ingestor.run(articles):
            pass
        elapsed = time.perf_counter() - started
        stored = session.store.count()
        stages = dict(session.ingestor.summary.seconds, wall=elapsed)
    return stored / elapsed, stored, stages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=300, help="Articles the bare encoder is timed on.")
    parser.add_argument("--scorer", default="auto")
    args = parser.parse_args(argv)
    process = psutil.Process()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "synthetic.jsonl"
        corpus = generate(args.n, seed=7, background=(10, 20))
        path.write_text("".join(json.dumps(a.record(), ensure_ascii=False) + "\n" for a in corpus))
        sample = [a for a in read_articles([path]) if isinstance(a, Article)][: args.sample]
        get_encoder().encode(["warm up"])
        analyse_text(sample[0])  # loads the language, place and name models before memory is measured
        before = encoder_rates(sample)
        rss_before = process.memory_info().rss
        rate, stored, stages = ingest_rate(path, Path(folder) / "store.db", args.scorer)
        rss_after = process.memory_info().rss
        after = encoder_rates(sample)  # timed again: the machine's load may have changed meanwhile
        heads_rate, full_rate = (before[0] + after[0]) / 2, (before[1] + after[1]) / 2
        disk = sum(p.stat().st_size for p in Path(folder).glob("store.db*"))
    print(f"{args.n} synthetic articles ({stored} stored), {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
    print(
        f"bare encoder, heads only:        {heads_rate:7.1f} articles/s (before {before[0]:.1f}, after {after[0]:.1f})"
    )
    print(
        f"bare encoder, heads + sentences: {full_rate:7.1f} articles/s (before {before[1]:.1f}, after {after[1]:.1f})"
    )
    print(f"ingest (read, analyse, encode, cluster, store): {rate:7.1f} articles/s")
    print(f"(ingest computes {INGEST_SENTENCE_VECTORS} sentence vectors per article)")
    print("ms per article by stage: " + ", ".join(f"{k} {1000 * v / stored:.1f}" for k, v in stages.items()))
    print(f"ratio to heads-only encoder {rate / heads_rate:.2f}; to heads + sentences {rate / full_rate:.2f}")
    grown = (rss_after - rss_before) / 2**20
    print(f"memory: +{grown:.0f} MiB during ingest (models were loaded before); on disk {disk / stored:.0f} B/article")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
