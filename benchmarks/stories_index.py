"""usearch vs hnswlib for the story store's vector index: build rate, memory, query latency, recall.

    python benchmarks/stories_index.py --n 100000 [--queries 500]

Vectors are the synthetic corpus's planted vectors (``planted_vectors``): clustered like news, 512-dim,
unit length. Recall@10 is measured against exact search. hnswlib is not a dependency; the script
measures it when it can be imported (e.g. ``pip install --target /tmp/hnsw hnswlib`` and
``PYTHONPATH=/tmp/hnsw``). Both are built single-threaded with the same graph parameters.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import numpy as np

from samestory.index.vectors import CONNECTIVITY, EXPANSION_ADD, EXPANSION_SEARCH, VectorIndex
from samestory.stories.synthetic import generate, planted_vectors


def _timed(build: Callable[[], object]) -> tuple[object, float]:
    started = time.perf_counter()
    built = build()
    return built, time.perf_counter() - started


def _latencies(search: Callable[[np.ndarray], np.ndarray], queries: np.ndarray) -> tuple[list[float], np.ndarray]:
    times, found = [], []
    for query in queries:
        started = time.perf_counter()
        found.append(search(query))
        times.append(time.perf_counter() - started)
    return times, np.stack(found)


def _recall(found: np.ndarray, truth: np.ndarray) -> float:
    return float(np.mean([len(set(f) & set(t)) / len(t) for f, t in zip(found, truth, strict=True)]))


def _report(name: str, seconds: float, n: int, memory: int, times: list[float], recall: float) -> None:
    p50, p99 = np.percentile(np.array(times) * 1000, [50, 99])
    print(
        f"{name:8} build {n / seconds:8.0f} vectors/s  memory {memory / n:6.0f} B/vector  "
        f"query p50 {p50:.3f} ms p99 {p99:.3f} ms  recall@10 {recall:.3f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args(argv)
    vectors = planted_vectors(generate(args.n, seed=1), dim=512, seed=1).astype(np.float32)
    rng = np.random.default_rng(2)
    queries = vectors[rng.choice(args.n, size=args.queries, replace=False)]
    truth = np.argsort(-(queries @ vectors.T), axis=1)[:, :10]
    keys = np.arange(args.n)
    print(f"{args.n} planted 512-dim vectors, {args.queries} queries, k=10")

    index = VectorIndex(512)
    _, seconds = _timed(lambda: index.add(keys, vectors))
    times, found = _latencies(lambda q: index._index.search(q, 10).keys, queries)
    _report("usearch", seconds, args.n, index.memory_bytes, times, _recall(found, truth))

    try:
        import hnswlib
    except ImportError:
        print("hnswlib  not installed: skipped")
        return 0
    graph = hnswlib.Index(space="ip", dim=512)
    graph.init_index(max_elements=args.n, M=CONNECTIVITY, ef_construction=EXPANSION_ADD)
    graph.set_num_threads(1)
    _, seconds = _timed(lambda: graph.add_items(vectors, keys))
    graph.set_ef(EXPANSION_SEARCH)
    times, found = _latencies(lambda q: graph.knn_query(q, k=10)[0][0], queries)
    memory = args.n * (512 * 4 + CONNECTIVITY * 2 * 4 + 8)  # float32 data + level-0 links + label
    _report("hnswlib", seconds, args.n, memory, times, _recall(found, truth))
    print("(hnswlib memory is its documented layout: float32 vectors and level-0 links; usearch reports its own)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
