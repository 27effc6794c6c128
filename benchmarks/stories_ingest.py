"""Ingest rate with the real encoder, and its ratio to the bare encoder's rate in the same run.

    python benchmarks/stories_ingest.py --n 10000 [--workers N] [--scorer auto] [--sample 300]

The corpus is synthetic (``samestory.stories.synthetic``, with background sentences that give the reports
the length of real news, ~2,000 characters: the encoder's cost depends on it), written to a temporary JSONL file and
ingested by the same code as ``samestory ingest`` (reader, analysis, encoder, engine, SQLite), into a
fresh store, with ``--workers`` processes (default: one per core, as ``samestory ingest``; 0: threads only).
The encoder is loaded and warmed before the clock starts. The bare encoder is timed on a sample of the
same articles (title and lead, first 2,000 characters: the one vector per article ingest computes), in
both ways it can use the machine, and the ratio is reported against each:

* one process, the encoder's own BLAS threads (one per core): what ``samestory compare`` does;
* one single-threaded encoder per worker process, in parallel: what ``ingest --workers`` does. On a
  few cores this is the faster way to run the encoder alone, so it is the stricter denominator.

The bare encoder is timed before and after the ingest and the mean is used: on a shared machine the load
changes during a long run. Also reported: the ingest rate once the worker processes run (the first
``PROCESS_WORKERS_AFTER`` articles are prepared in threads while they start), memory growth during the
ingest (models are loaded before), and the store's size on disk.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import psutil

from samestory.articles import FieldMap, read_articles
from samestory.articles.model import Article
from samestory.documents import analyse_text, get_encoder
from samestory.documents.analyze import HEAD_CHARS
from samestory.stories.ingest import BATCH_SIZE, PROCESS_WORKERS_AFTER
from samestory.stories.preparation import start_worker
from samestory.stories.ray_reading import read_with_ray
from samestory.stories.session import open_session
from samestory.stories.synthetic import generate


def encoder_rates(articles: list[Article], workers: int) -> tuple[float, float]:
    """Articles/s of the bare encoder on the articles' heads: one multi-threaded process, and ``workers``
    single-threaded processes in parallel (the latter 0.0 when ``workers`` < 2)."""
    heads = [a.full_text[:HEAD_CHARS] for a in articles]
    chunks = [heads[i : i + BATCH_SIZE] for i in range(0, len(heads), BATCH_SIZE)]
    encoder = get_encoder()
    started = time.perf_counter()
    for chunk in chunks:
        encoder.encode(chunk)
    threaded = len(heads) / (time.perf_counter() - started)
    if workers < 2:
        return threaded, 0.0
    context = multiprocessing.get_context("spawn")
    setup = {"initializer": start_worker, "initargs": (os.getpid(), "use")}
    with ProcessPoolExecutor(workers, mp_context=context, **setup) as pool:  # type: ignore[arg-type]
        list(pool.map(_encode, [["warm up"]] * workers * 2))
        started = time.perf_counter()
        list(pool.map(_encode, chunks))
        parallel = len(heads) / (time.perf_counter() - started)
    return threaded, parallel


def _encode(texts: list[str]) -> np.ndarray:
    return get_encoder().encode(texts)


def ingest_rate(
    path: Path, db: Path, scorer: Path | None, workers: int, use_ray: bool = False
) -> tuple[float, float, int, dict[str, float]]:
    """Articles/s of the whole ingest and of its part after the worker processes started, articles stored,
    and seconds per stage (see ``IngestSummary``). ``use_ray``: Ray Data reads the file and Ray actors prepare
    the batches. Reading is timed, as ``samestory ingest`` reads while it ingests."""
    with open_session(db, scorer, workers=workers, use_ray=use_ray) as session:
        read = read_with_ray([str(path)], FieldMap()) if use_ray else read_articles([path])
        articles = (a for a in read if isinstance(a, Article))
        started = time.perf_counter()
        steady_from: tuple[int, float] | None = None
        for done, _ in enumerate(session.ingestor.run(articles), 1):
            if done == PROCESS_WORKERS_AFTER:
                steady_from = (done, time.perf_counter())
        elapsed = time.perf_counter() - started
        stored = session.store.count()
        stages = dict(session.ingestor.summary.seconds, wall=elapsed)
    steady = stored / elapsed
    if steady_from is not None and stored > steady_from[0]:
        steady = (stored - steady_from[0]) / (started + elapsed - steady_from[1])
    return stored / elapsed, steady, stored, stages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=300, help="Articles the bare encoder is timed on.")
    parser.add_argument("--scorer", default=None, help="Scorer parameters file (default: the shipped scorer).")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    process = psutil.Process()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "synthetic.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for article in generate(args.n, seed=7, background=(10, 20)):
                out.write(json.dumps(article.record(), ensure_ascii=False) + "\n")
        sample = [a for a in read_articles([path]) if isinstance(a, Article)][: args.sample]
        get_encoder().encode(["warm up"])
        analyse_text(sample[0])  # loads the language, place and name models before memory is measured
        before = encoder_rates(sample, args.workers)
        rss_before = process.memory_info().rss
        rate, steady, stored, stages = ingest_rate(path, Path(folder) / "store.db", args.scorer, args.workers)
        rss_after = process.memory_info().rss
        after = encoder_rates(sample, args.workers)  # timed again: the machine's load may have changed meanwhile
        threaded, parallel = (before[0] + after[0]) / 2, (before[1] + after[1]) / 2
        disk = sum(p.stat().st_size for p in Path(folder).glob("store.db*"))
    print(f"{args.n} synthetic articles ({stored} stored), {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
    print(
        f"bare encoder, one process:           {threaded:7.1f} articles/s "
        f"(before {before[0]:.1f}, after {after[0]:.1f})"
    )
    if parallel:
        print(
            f"bare encoder, {args.workers} processes x 1 thread: {parallel:7.1f} articles/s "
            f"(before {before[1]:.1f}, after {after[1]:.1f})"
        )
    print(f"ingest with {args.workers} worker processes: {rate:7.1f} articles/s overall, {steady:.1f} once they run")
    print("ms per article by stage: " + ", ".join(f"{k} {1000 * v / stored:.1f}" for k, v in stages.items()))
    print(f"ratio to the one-process encoder {rate / threaded:.2f} (steady {steady / threaded:.2f})")
    if parallel:
        print(f"ratio to the parallel encoder    {rate / parallel:.2f} (steady {steady / parallel:.2f})")
    grown = (rss_after - rss_before) / 2**20
    print(f"memory: +{grown:.0f} MiB during ingest (models were loaded before); on disk {disk / stored:.0f} B/article")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
