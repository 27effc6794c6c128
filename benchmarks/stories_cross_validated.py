"""Story clustering with a pair judgement that never saw the clustered topics (3 folds by topic).

`samestory eval stories` uses the shipped judgement, which was fitted on news-dev.jsonl itself, so its
figure on that file is in-sample. This script refits the judgement on two thirds of the topics (plus all
SemEval pairs, as the shipped one) and clusters the held-out third, for an honest estimate of what a new set
of events will show. The calibration and thresholds are the shipped ones (two parameters and two cuts).

    python benchmarks/stories_cross_validated.py [--dev ../shared/data/news-dev.jsonl]
        [--semeval-csv ../shared/data/semeval/pairs.csv --semeval-dir ../shared/data/semeval/articles]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from samestory.articles import read_articles
from samestory.articles.model import Article
from samestory.pairs.labelled import dev_pairs, load_dev, load_semeval, semeval_pairs
from samestory.pairs.scoring import PairScorer, SameStoryModel, load_scorer
from samestory.pairs.training import fit_heads
from samestory.stories.clustering import cluster_articles
from samestory.stories.evaluation import bcubed, read_labels

FOLDS = 3
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def fold_scorer(dev, sem, train_rows: np.ndarray) -> PairScorer:  # type: ignore[no-untyped-def]
    shipped = load_scorer()
    heads = fit_heads(dev.rows(train_rows), sem)
    return PairScorer(
        SameStoryModel(heads.same_content, heads.same_dated, shipped.same_story.calibration),
        heads.related,
        heads.dimensions,
        shipped.thresholds,
        shipped.encoder,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev", type=Path, default=SHARED / "news-dev.jsonl")
    parser.add_argument("--semeval-csv", type=Path, default=SHARED / "semeval" / "pairs.csv")
    parser.add_argument("--semeval-dir", type=Path, default=SHARED / "semeval" / "articles")
    parser.add_argument("--out", type=Path, default=Path("build/benchmarks/stories_cross_validated.json"))
    args = parser.parse_args(argv)
    documents, labels = load_dev(args.dev)
    dev = dev_pairs(documents, labels)
    sem = semeval_pairs(load_semeval(args.semeval_csv, args.semeval_dir))
    truth = read_labels(args.dev)
    articles = [a for a in read_articles([args.dev]) if isinstance(a, Article)]
    topics = sorted({label.topic for label in labels})
    number = {topic: i for i, topic in enumerate(topics)}
    results = []
    for fold in range(FOLDS):
        held_out = {number[t] for t in topics[fold::FOLDS]}
        train_rows = ~np.isin(dev.folds, sorted(held_out)).any(axis=1)
        scorer = fold_scorer(dev, sem, train_rows)
        test = [a for a in articles if number[truth[a.id].topic] in held_out]
        assignments = cluster_articles(test, loaded=scorer)
        story = bcubed([x.story for x in assignments], [truth[a.id].event for a in test]).to_dict()
        topic = bcubed([x.topic for x in assignments], [truth[a.id].topic for a in test]).to_dict()
        results.append({"held_out_topics": sorted(topics[fold::FOLDS]), "articles": len(test), "story": story,
                        "topic": topic})  # fmt: skip
        print(f"fold {fold}: {len(test)} articles, story B3-F1 {story['f1']:.3f}, topic B3-F1 {topic['f1']:.3f}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"folds": results}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
