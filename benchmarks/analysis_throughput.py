"""Documents per second of the analysis stage, text analysis and encoder measured apart.

Reads the dev set's articles (150), repeats them ``--repeat`` times, warms both parts up, then times
``analyse_text`` over every article and ``attach_vectors`` with the ``use`` encoder over all documents
in one call (as ``analyse`` does). Prints both rates and how many times slower the encoder is, and
writes the figures as JSON. Text-analysis passes are also timed one by one: later passes over the same
articles hit the per-word caches (word frequencies, name keys), so the first pass is the cold figure.

    python benchmarks/analysis_throughput.py [PATH] [--repeat 3] [--out build/benchmarks/analysis_throughput.json]

Timing targets belong here, never in unit tests: the machine, its load and its thread count change them;
the 1-minute load average before and after the run is recorded so that a busy machine shows.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

from samestory.articles import Article, read_articles
from samestory.documents import Document, analyse_text, attach_vectors, get_encoder
from samestory.documents.analyze import MAX_SENTENCES

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "news-dev.jsonl"
DEFAULT_OUT = ROOT / "build" / "benchmarks" / "analysis_throughput.json"
WARM_UP_ARTICLES = 12


def load_articles(path: Path) -> list[Article]:
    """The dev set read as users' JSONL is read (declared lang and date are used)."""
    articles = [r for r in read_articles([path]) if isinstance(r, Article)]
    if not articles:
        raise SystemExit(f"error: {path}: no readable articles")
    return articles


def warm_up(articles: list[Article], encoder_spec: str) -> float:
    """Load lingua, the gazetteer, word lists and the encoder before any clock runs; returns seconds."""
    started = time.perf_counter()
    documents = [analyse_text(a) for a in articles[:WARM_UP_ARTICLES]]
    attach_vectors(documents, get_encoder(encoder_spec))
    return time.perf_counter() - started


def time_text_analysis(articles: list[Article], repeat: int) -> tuple[list[Document], list[float]]:
    """All documents, and the seconds of each pass over the article list."""
    documents: list[Document] = []
    passes = []
    for _ in range(repeat):
        started = time.perf_counter()
        documents.extend(analyse_text(article) for article in articles)
        passes.append(time.perf_counter() - started)
    return documents, passes


def time_encoding(documents: list[Document], encoder_spec: str) -> float:
    encoder = get_encoder(encoder_spec)
    started = time.perf_counter()
    attach_vectors(documents, encoder)
    return time.perf_counter() - started


def summarise(
    articles: int, documents: list[Document], passes: list[float], encode_seconds: float, warm_up_seconds: float
) -> dict[str, Any]:
    text_seconds = sum(passes)
    sentences = sum(min(len(d.sentences), MAX_SENTENCES) for d in documents)
    return {
        "articles": articles,
        "documents": len(documents),
        "sentences_encoded": sentences,
        "warm_up_seconds": round(warm_up_seconds, 2),
        "text_seconds": round(text_seconds, 2),
        "text_docs_per_s": round(len(documents) / text_seconds, 1),
        "text_docs_per_s_by_pass": [round(articles / s, 1) for s in passes],
        "encoder_seconds": round(encode_seconds, 2),
        "encoder_docs_per_s": round(len(documents) / encode_seconds, 1),
        "encoder_sentences_per_s": round(sentences / encode_seconds, 1),
        "both_docs_per_s": round(len(documents) / (text_seconds + encode_seconds), 1),
        "encoder_to_text_time_ratio": round(encode_seconds / text_seconds, 2),
    }


def print_report(report: dict[str, Any]) -> None:
    print(
        f"{report['documents']} documents ({report['articles']} articles x {report['repeat']}), "
        f"{report['sentences_encoded']} sentences encoded; encoder {report['encoder']}, "
        f"{report['cpu_count']} CPUs (1-min load before/after: {report['load_average_1min']}); "
        f"warm-up {report['warm_up_seconds']} s"
    )
    by_pass = ", ".join(f"{rate:.1f}" for rate in report["text_docs_per_s_by_pass"])
    print(f"text analysis : {report['text_docs_per_s']:>7.1f} docs/s  ({report['text_seconds']} s; by pass: {by_pass})")
    print(
        f"encoder       : {report['encoder_docs_per_s']:>7.1f} docs/s  ({report['encoder_seconds']} s; "
        f"{report['encoder_sentences_per_s']} sentences/s)"
    )
    print(f"both          : {report['both_docs_per_s']:>7.1f} docs/s")
    print(f"encoder time / text-analysis time: {report['encoder_to_text_time_ratio']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA, help="JSONL of articles (news-dev format)")
    parser.add_argument("--repeat", type=int, default=3, help="how many times the articles are analysed")
    parser.add_argument("--encoder", default="use", help="encoder spec: use, e5 or st:MODEL")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the JSON figures")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"error: {args.data}: no such file (give the dev set's path)", file=sys.stderr)
        return 1
    load_before = os.getloadavg()[0]
    articles = load_articles(args.data)
    warm_up_seconds = warm_up(articles, args.encoder)
    documents, passes = time_text_analysis(articles, max(1, args.repeat))
    encode_seconds = time_encoding(documents, args.encoder)
    report = {
        "data": str(args.data),
        "repeat": max(1, args.repeat),
        "encoder": args.encoder,
        "cpu_count": os.cpu_count(),
        "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "python": platform.python_version(),
        **summarise(len(articles), documents, passes, encode_seconds, warm_up_seconds),
    }
    print_report(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"figures written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
