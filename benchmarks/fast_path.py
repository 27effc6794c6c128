"""The fast path (``--fast``) against the full path, in one run: ingest rate, encoder rate, table size, quality.

    python benchmarks/fast_path.py [--n 2000] [--workers N] [--dev ../shared/data/news-dev.jsonl]

* Ingest: the same synthetic corpus of real-news length (``samestory.stories.synthetic``, ~2,000
  characters an article) ingested end to end (read, de-duplicate, analyse, encode, place, store) by the code
  of ``samestory ingest``, once with the shipped scorer and the network encoder, once with ``--fast`` (the
  shipped fast scorer and the static table), each into a fresh store; models are loaded before the clock.
* Encoders alone on the articles' heads (first 2,000 characters), articles/s.
* The table: bytes on disk, and resident memory once every row has been read.
* Quality: story and topic B³-F1 of ``samestory eval stories`` on news-dev with each scorer, and the
  cross-validated pair figures each scorer file records (``samestory train``).

Targets (issue 13): ingest --fast ≥ 1,000 articles/s and ≥ 25× the full path; B³-F1 within 0.03 of the full
path; AUC same-vs-related within 0.03; the table ≤ 100 MB on disk and in RAM.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import psutil

from samestory.articles import read_articles
from samestory.articles.model import Article
from samestory.documents import analyse_text, get_encoder
from samestory.documents.analyze import HEAD_CHARS
from samestory.documents.static_table import load_table, table_path
from samestory.pairs.scoring import shipped_scorer_path
from samestory.stories.report import evaluate_file
from samestory.stories.synthetic import generate

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stories_ingest import ingest_rate

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "news-dev.jsonl"


def encoder_rate(name: str, heads: list[str]) -> float:
    encoder = get_encoder(name)
    encoder.encode(heads[:8])
    started = time.perf_counter()
    for start in range(0, len(heads), 64):
        encoder.encode(heads[start : start + 64])
    return len(heads) / (time.perf_counter() - started)


def table_footprint() -> tuple[float, float]:
    """MB on disk, and MB of resident memory the table adds once every row has been read (it is memory-mapped:
    what is resident is the pages read, shared with other processes that map the same file)."""
    process = psutil.Process()
    table = load_table()
    before = process.memory_info().rss
    float(table.sum(dtype=np.float32))  # reads every row, in buffered chunks (no full float32 copy)
    resident = (process.memory_info().rss - before) / 2**20
    path = table_path()
    disk = path.stat().st_size / 2**20 if path is not None and path.exists() else float("nan")
    return disk, resident


def recorded_pair_figures(path: Path) -> dict[str, float]:
    figures = json.loads(path.read_text("utf-8")).get("trained", {}).get("cross_validated", "{}")
    record = ast.literal_eval(figures) if isinstance(figures, str) else figures
    return record.get("news_dev", {}).get("similarity", {})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--dev", type=Path, default=DEV, help="Labelled news for the B³ comparison.")
    args = parser.parse_args(argv)
    fast_scorer = shipped_scorer_path("fast")
    disk, resident = table_footprint()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "synthetic.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for article in generate(args.n, seed=7, background=(10, 20)):
                out.write(json.dumps(article.record(), ensure_ascii=False) + "\n")
        articles = [a for a in read_articles([path]) if isinstance(a, Article)]
        heads = [a.full_text[:HEAD_CHARS] for a in articles[:300]]
        analyse_text(articles[0])
        started = time.perf_counter()
        for article in articles[:300]:
            analyse_text(article)
        analysis = 300 / (time.perf_counter() - started)
        encoders = {name: encoder_rate(name, heads) for name in ("use", "use-static")}
        full = ingest_rate(path, Path(folder) / "full.db", None, args.workers)  # type: ignore[arg-type]
        fast = ingest_rate(path, Path(folder) / "fast.db", fast_scorer, args.workers)  # type: ignore[arg-type]
    print(f"{args.n} synthetic articles, {os.cpu_count()} CPUs, {args.workers} workers, load {os.getloadavg()[0]:.1f}")
    print(f"analysis alone (one process):  {analysis:8.1f} articles/s")
    for name, rate in encoders.items():
        print(f"encoder {name:<10} (one process): {rate:8.1f} articles/s")
    for label, (rate, steady, stored, stages) in (("full", full), ("--fast", fast)):
        per = ", ".join(f"{k} {1000 * v / stored:.1f}" for k, v in stages.items())
        print(f"ingest {label:<7} {rate:8.1f} articles/s ({steady:.1f} once workers run); ms/article: {per}")
    print(f"ingest ratio --fast / full: {fast[0] / full[0]:.1f}x")
    print(f"static table: {disk:.1f} MB on disk, +{resident:.1f} MB resident once read")
    if args.dev.exists():
        for label, scorer in (("full", None), ("--fast", fast_scorer)):
            report = evaluate_file(args.dev, scorer, with_baseline=False)
            print(f"news-dev B³-F1 {label:<7} stories {report['story']['f1']:.3f}  topics {report['topic']['f1']:.3f}")
    for label, scorer in (("full", shipped_scorer_path()), ("--fast", fast_scorer)):
        figures = recorded_pair_figures(scorer)
        shown = "  ".join(f"{k} {v:.3f}" for k, v in figures.items())
        print(f"pairs (cross-validated, news-dev) {label:<7} {shown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
