"""Fitting and honestly evaluating the scorer.

Evaluation is cross-validated by topic: the prediction for a pair comes from a model that saw neither
article's topic (an event and its siblings always fall out together), so a figure cannot come from
having memorised the events. The shipped parameters are then fitted on all the data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from samestory.articles.load import read_articles
from samestory.articles.model import Article, ReadFailure
from samestory.documents.analyze import AnalysisOptions, analyse
from samestory.documents.model import Document
from samestory.errors import InputError
from samestory.pairs.devset import DevLabels, all_pairs, dev_label, evaluation_pairs, read_dev_labels
from samestory.pairs.features import FEATURE_NAMES, pair_features
from samestory.pairs.metrics import pearson, roc_auc, spearman
from samestory.pairs.model import TREE_SETTINGS, PairModel, fit_trees, save_model


@dataclass(frozen=True, slots=True)
class PairData:
    """Feature rows for pairs of documents, with soft targets and the topic of each side."""

    features: np.ndarray
    targets: np.ndarray
    groups: np.ndarray  # (n, 2) group ids of the two articles
    pairs: list[tuple[int, int]]


@dataclass(frozen=True, slots=True)
class DevMetrics:
    pearson: float
    spearman: float
    auc_same_vs_rest: float
    auc_same_vs_related: float
    auc_cross_lingual: float
    pairs: int

    def as_dict(self) -> dict[str, float]:
        return {k: round(getattr(self, k), 4) for k in self.__dataclass_fields__}


def class_balanced_weights(targets: np.ndarray) -> np.ndarray:
    """Each label value (0, 0.5, 1) weighs the same in total: the rare related pairs matter most."""
    weights = np.ones_like(targets, dtype=np.float64)
    values = np.unique(targets)
    for value in values:
        mask = targets == value
        weights[mask] = len(targets) / (len(values) * mask.sum())
    return weights


def feature_rows(documents: Sequence[Document], pairs: Sequence[tuple[int, int]]) -> np.ndarray:
    return np.vstack([pair_features(documents[i], documents[j]) for i, j in pairs])


def load_dev(path: Path, encoder: str = "use") -> tuple[list[Document], list[DevLabels]]:
    labels = read_dev_labels(path)
    articles: list[Article] = []
    for result in read_articles([path]):
        if isinstance(result, ReadFailure):
            raise InputError(result.item, result.reason)
        articles.append(result)
    return analyse(articles, AnalysisOptions(encoder=encoder)), labels


def dev_pair_data(documents: Sequence[Document], labels: Sequence[DevLabels]) -> PairData:
    pairs = all_pairs(len(labels))
    topics = sorted({label.topic for label in labels})
    group = {label.id: topics.index(label.topic) for label in labels}
    return PairData(
        features=feature_rows(documents, pairs),
        targets=np.array([dev_label(labels[i], labels[j]) for i, j in pairs]),
        groups=np.array([(group[labels[i].id], group[labels[j].id]) for i, j in pairs]),
        pairs=pairs,
    )


Fitter = Callable[[np.ndarray, np.ndarray], PairModel]


def default_fitter(features: np.ndarray, targets: np.ndarray) -> PairModel:
    return fit_trees(features, targets, FEATURE_NAMES, class_balanced_weights(targets))


def grouped_predictions(data: PairData, rows: np.ndarray, fitter: Fitter = default_fitter) -> np.ndarray:
    """Predict each requested row with a model trained without either of its two groups."""
    predictions = np.zeros(len(rows))
    models: dict[tuple[int, int], PairModel] = {}
    for position, row in enumerate(rows):
        held_out = tuple(sorted(int(g) for g in data.groups[row]))
        if held_out not in models:
            train = ~np.isin(data.groups, held_out).any(axis=1)
            models[held_out] = fitter(data.features[train], data.targets[train])  # type: ignore[index]
        predictions[position] = models[held_out].predict(data.features[row])[0]  # type: ignore[index]
    return predictions


def dev_metrics(scores: np.ndarray, targets: np.ndarray, cross_lingual: np.ndarray) -> DevMetrics:
    same = targets == 1.0
    related_or_same = targets > 0
    return DevMetrics(
        pearson=pearson(scores, targets),
        spearman=spearman(scores, targets),
        auc_same_vs_rest=roc_auc(same, scores),
        auc_same_vs_related=roc_auc(same[related_or_same], scores[related_or_same]),
        auc_cross_lingual=roc_auc(same[cross_lingual], scores[cross_lingual]),
        pairs=len(targets),
    )


@dataclass(frozen=True, slots=True)
class DevReport:
    scorer: DevMetrics
    baseline: DevMetrics
    same_story_threshold: float
    related_threshold: float


def evaluate_dev(
    documents: Sequence[Document], labels: Sequence[DevLabels], data: PairData
) -> tuple[DevReport, np.ndarray]:
    """Topic-grouped cross-validated metrics on the README's pair set, beside the plain cosine baseline."""
    index = {pair: row for row, pair in enumerate(data.pairs)}
    chosen = evaluation_pairs(list(labels))
    rows = np.array([index[pair] for pair in chosen])
    predictions = grouped_predictions(data, rows)
    targets = data.targets[rows]
    cross = np.array([labels[i].lang != labels[j].lang for i, j in chosen])
    baseline = np.array([float(documents[i].head_vector @ documents[j].head_vector) for i, j in chosen])  # type: ignore[operator]
    same_threshold = best_threshold(predictions, targets == 1.0)
    related_threshold = best_threshold(predictions, targets > 0)
    report = DevReport(
        dev_metrics(predictions, targets, cross),
        dev_metrics(baseline, targets, cross),
        same_threshold,
        related_threshold,
    )
    return report, predictions


def best_threshold(scores: np.ndarray, positive: np.ndarray) -> float:
    """The cut with the best balanced accuracy, from cross-validated (not in-sample) scores."""
    candidates = np.unique(np.round(scores, 3))
    best, best_value = 0.5, -1.0
    for cut in candidates:
        predicted = scores >= cut
        value = (predicted[positive].mean() + (~predicted[~positive]).mean()) / 2
        if value > best_value:
            best, best_value = float(cut), float(value)
    return best


def train_on_dev(path: Path, out: Path, encoder: str = "use") -> DevReport:
    documents, labels = load_dev(path, encoder)
    data = dev_pair_data(documents, labels)
    report, _ = evaluate_dev(documents, labels, data)
    model = default_fitter(data.features, data.targets)
    save_model(model, out, {
        "encoder": encoder,
        "thresholds": {"same_story": report.same_story_threshold, "related": report.related_threshold},
        "trained": {
            "data": f"{path.name}: {len(labels)} articles, {len(data.pairs)} pairs, labels 1 / 0.5 / 0",
            "method": f"gradient-boosted trees {TREE_SETTINGS}, soft targets, class-balanced weights; "
                      "thresholds by balanced accuracy on topic-grouped cross-validated scores",
            "command": f"samestory train --dev {path.name}",
            "date": dt.date.today().isoformat(),
            "cross_validated": report.scorer.as_dict(),
            "baseline_use_cosine": report.baseline.as_dict(),
        },
    })  # fmt: skip
    return report
