"""Every article of the shared data through analysis: real, messy, multilingual text, zero exceptions.

Reads news-dev.jsonl and every downloaded SemEval article (``articles/<NN>/<id>.json``), runs the text
analysis of each (language, sentences, entities, places, dates, numbers, terms; no encoder) through
``analyse_each``, which turns an unexpected error into that article's failure, and reports the failures by
name. The run fails (exit 1) if any article failed.

    python benchmarks/analysis_robustness.py [--dev ../shared/data/news-dev.jsonl]
        [--semeval-dir ../shared/data/semeval/articles]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from samestory.articles import read_articles
from samestory.articles.model import Article, ReadFailure
from samestory.documents.analyze import AnalysisOptions, analyse_each

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev", type=Path, default=SHARED / "news-dev.jsonl")
    parser.add_argument("--semeval-dir", type=Path, default=SHARED / "semeval" / "articles")
    args = parser.parse_args(argv)
    failed = 0
    for name, path in (("news-dev", args.dev), ("SemEval articles", args.semeval_dir)):
        results = list(read_articles([path]))
        articles = [r for r in results if isinstance(r, Article)]
        unreadable = [r for r in results if isinstance(r, ReadFailure)]
        started = time.perf_counter()
        documents, failures = analyse_each(articles, AnalysisOptions(with_vectors=False))
        seconds = time.perf_counter() - started
        languages = sorted({d.lang for d in documents})
        print(
            f"{name}: {len(articles)} articles analysed in {seconds:.1f} s ({len(articles) / seconds:.0f}/s), "
            f"{len(failures)} failed, {len(unreadable)} unreadable input items; languages {', '.join(languages)}"
        )
        for failure in [*unreadable, *failures][:20]:
            print(f"  {failure}")
        failed += len(failures)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
