"""SemEval-2022 Task 8 data: scoring its pairs, the leaderboard's Pearson, and re-fitting on its labels."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from samestory.articles.model import Article, ReadFailure
from samestory.articles.semeval import DIMENSIONS, SemEvalPair, read_pairs_csv, read_semeval_article
from samestory.documents.analyze import AnalysisOptions, analyse
from samestory.documents.model import Document
from samestory.errors import InputError
from samestory.pairs.features import FEATURE_NAMES, pair_features
from samestory.pairs.metrics import pearson
from samestory.pairs.model import TREE_SETTINGS, fit_trees
from samestory.pairs.scoring import PairScorer, load_scorer


@dataclass(frozen=True, slots=True)
class SemEvalData:
    pairs: list[SemEvalPair]
    documents: dict[str, Document]
    failures: list[ReadFailure]


def load_semeval(csv_path: Path, articles_dir: Path, encoder: str = "use") -> SemEvalData:
    """Read the pairs and analyse each downloaded article once; missing articles are failures, not fatal."""
    pairs: list[SemEvalPair] = []
    failures: list[ReadFailure] = []
    for result in read_pairs_csv(csv_path):
        (failures if isinstance(result, ReadFailure) else pairs).append(result)  # type: ignore[arg-type]
    articles: dict[str, Article] = {}
    for pair in pairs:
        for article_id, lang in ((pair.id1, pair.lang1), (pair.id2, pair.lang2)):
            if article_id in articles:
                continue
            try:
                articles[article_id] = read_semeval_article(articles_dir, article_id, lang)
            except InputError as error:
                failures.append(ReadFailure(error.item, error.reason))
    documents = dict(zip(articles, analyse(list(articles.values()), AnalysisOptions(encoder=encoder)), strict=True))
    usable = [p for p in pairs if p.id1 in documents and p.id2 in documents]
    for pair in pairs:
        if pair not in usable:
            failures.append(ReadFailure(pair.pair_id, "skipped: one of its articles is missing or unreadable"))
    return SemEvalData(usable, documents, failures)


def evaluate_semeval(data: SemEvalData, scorer: PairScorer | None = None) -> dict[str, object]:
    """Pearson of predicted vs gold Overall, overall and per language pair, as the leaderboard reports."""
    scorer = scorer or load_scorer()
    labelled = [p for p in data.pairs if p.overall is not None]
    predicted = np.array([
        scorer.score(data.documents[p.id1], data.documents[p.id2])[1]["overall"] for p in labelled
    ])  # fmt: skip
    gold = np.array([p.overall for p in labelled], dtype=np.float64)
    by_language: dict[str, list[int]] = defaultdict(list)
    for position, pair in enumerate(labelled):
        by_language[pair.language_pair].append(position)
    return {
        "pairs": len(labelled),
        "pearson_overall": round(pearson(predicted, gold), 4),
        "per_language_pair": {
            language: {"pairs": len(rows), "pearson": round(pearson(predicted[rows], gold[rows]), 4)}
            for language, rows in sorted(by_language.items())
        },
    }


def train_on_semeval(data: SemEvalData, out: Path, encoder: str = "use") -> dict[str, object]:
    """Fit the similarity model to Overall and a linear map per labelled dimension; keep the label cuts."""
    labelled = [p for p in data.pairs if p.overall is not None]
    if len(labelled) < 20:
        raise InputError("training data", f"only {len(labelled)} labelled pairs; at least 20 are needed")
    features = np.vstack([pair_features(data.documents[p.id1], data.documents[p.id2]) for p in labelled])
    overall = np.array([p.overall for p in labelled], dtype=np.float64)
    model = fit_trees(features, (4.0 - overall) / 3.0, FEATURE_NAMES)
    dimensions = {}
    for name in DIMENSIONS[1:]:
        rows = [i for i, p in enumerate(labelled) if name in p.scores]
        if len(rows) >= 20:
            dimensions[name] = _linear_map(features[rows], np.array([labelled[i].scores[name] for i in rows]))
    shipped = load_scorer()
    record = {
        "model": model.to_json(),
        "encoder": encoder,
        "thresholds": {"same_story": shipped.thresholds.same_story, "related": shipped.thresholds.related},
        "dimensions": dimensions,
        "trained": {
            "data": f"SemEval-format pairs: {len(labelled)} labelled",
            "method": f"gradient-boosted trees {TREE_SETTINGS}",
        },
    }
    out.write_text(json.dumps(record, indent=2) + "\n")
    return {"pairs": len(labelled), "dimensions": sorted(dimensions)}


def _linear_map(features: np.ndarray, targets: np.ndarray, ridge: float = 1.0) -> dict[str, object]:
    design = np.hstack([features, np.ones((len(features), 1))])
    penalty = np.eye(design.shape[1]) * ridge
    penalty[-1, -1] = 0.0
    beta = np.linalg.solve(design.T @ design + penalty, design.T @ targets)
    return {"weights": beta[:-1].round(6).tolist(), "bias": round(float(beta[-1]), 6)}
