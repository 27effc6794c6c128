"""Speed of pair scoring: `score` pairs/s on the dev set (each article analysed once, as `score` does: head
and title vectors, no sentence vectors), one article against ``ONE_AGAINST`` others as story placement and
``similar`` score them, and the latency of one `compare` of two ~1,000-word articles after warm-up (with the
sentence vectors its evidence aligns).

    python benchmarks/pairs_speed.py [../shared/data/news-dev.jsonl]
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

from samestory.articles import Article, read_articles
from samestory.documents import AnalysisOptions, analyse
from samestory.pairs import compare_documents, load_scorer
from samestory.pairs.devset import evaluation_pairs, read_dev_labels

ONE_AGAINST = 60
"""Candidates one article is scored against: placement's most (12 stories × 5 members), ``similar``'s 50."""


def main(path: Path) -> dict[str, float]:
    scorer = load_scorer()
    articles = [a for a in read_articles([path]) if isinstance(a, Article)]
    analyse(articles[:4])  # warm-up: models load once per process
    start = time.perf_counter()
    documents = analyse(articles, AnalysisOptions(encoder=scorer.encoder, sentence_vectors=False))
    analysis_s = time.perf_counter() - start
    pairs = evaluation_pairs(read_dev_labels(path))
    start = time.perf_counter()
    scorer.score_batch([(documents[i], documents[j]) for i, j in pairs])
    scoring_s = time.perf_counter() - start
    start = time.perf_counter()
    for i, document in enumerate(documents):
        others = [documents[(i + 1 + n) % len(documents)] for n in range(ONE_AGAINST)]
        scorer.similarities(document, others)
    one_against_ms = (time.perf_counter() - start) / len(documents) * 1000
    long_a = _thousand_words(articles, 0)
    long_b = _thousand_words(articles, 1)
    latencies = []
    for _ in range(5):
        start = time.perf_counter()
        doc_a, doc_b = analyse([long_a, long_b])
        compare_documents(doc_a, doc_b, scorer)
        latencies.append(time.perf_counter() - start)
    result = {
        "articles": len(articles),
        "pairs": len(pairs),
        "analysis_s": round(analysis_s, 2),
        "pair_scoring_s": round(scoring_s, 2),
        "score_pairs_per_s_end_to_end": round(len(pairs) / (analysis_s + scoring_s), 1),
        "score_pairs_per_s_after_analysis": round(len(pairs) / scoring_s, 1),
        f"similarities_one_against_{ONE_AGAINST}_ms": round(one_against_ms, 2),
        "compare_1000_words_latency_s_median": round(statistics.median(latencies), 3),
    }
    out = Path("build/benchmarks")
    out.mkdir(parents=True, exist_ok=True)
    (out / "pairs_speed.json").write_text(json.dumps(result, indent=2))
    return result


def _thousand_words(articles: list[Article], offset: int) -> Article:
    """Concatenate dev excerpts of one language until ~1,000 words (a long report)."""
    lang = articles[offset].lang
    words: list[str] = []
    for article in articles[offset:]:
        if article.lang == lang:
            words.extend(article.text.split())
        if len(words) >= 1000:
            break
    return Article(id=f"long-{offset}", text=" ".join(words[:1000]), lang=lang)


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/news-dev.jsonl")), indent=2))
