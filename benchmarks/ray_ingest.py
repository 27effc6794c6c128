"""``ingest --engine ray`` against the local ingest on the same input, in one run.

    python benchmarks/ray_ingest.py [--n 3000] [--workers N]

The synthetic corpus of ``stories_ingest.py`` (real-news length) is ingested twice into fresh stores: with
the local engine (threads, then ``--workers`` processes) and with a local Ray (``--workers`` actors). Ray's
start-up (a few seconds) is inside the timed part, as a user meets it. The stories of both runs are compared
(B³-F1 of one against the other; 1.0 means identical).

Target (issue 11): Ray ≥ 0.9× the local rate on this machine.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from samestory.stories.evaluation import bcubed
from samestory.stories.store import StoryStore
from samestory.stories.synthetic import generate
from stories_ingest import ingest_rate


def stories_of(db: Path) -> dict[str, int]:
    with StoryStore.open(db, create=False, readonly=True) as store:
        return {row[0]: row[1] for row in store.execute("SELECT id, story FROM articles")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "synthetic.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for article in generate(args.n, seed=7, background=(10, 20)):
                out.write(json.dumps(article.record(), ensure_ascii=False) + "\n")
        local = ingest_rate(path, Path(folder) / "local.db", None, args.workers)
        ray = ingest_rate(path, Path(folder) / "ray.db", None, args.workers, use_ray=True)
        a, b = stories_of(Path(folder) / "local.db"), stories_of(Path(folder) / "ray.db")
    ids = sorted(a)
    agreement = bcubed([b[i] for i in ids], [a[i] for i in ids]).f1
    print(f"{args.n} synthetic articles, {os.cpu_count()} CPUs, {args.workers} workers/actors")
    print(f"local engine: {local[0]:7.1f} articles/s ({local[1]:.1f} once the workers run)")
    print(f"ray engine:   {ray[0]:7.1f} articles/s")
    print(
        f"ratio ray / local: {ray[0] / local[0]:.2f}; stories agree (B³-F1 of one against the other): {agreement:.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
