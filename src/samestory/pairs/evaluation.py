"""Measuring the judgement honestly: cross-validated on both sources, beside the plain USE cosine.

news-dev is split by topic (a pair is scored by a model trained without either article's topic, so an event
and its siblings never straddle training and test); SemEval by connected groups of pairs (folds share no
article). Each fold's model is also trained on all of the other source, as the shipped one is.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np

from samestory.articles.semeval import DIMENSIONS
from samestory.pairs.features import FEATURE_NAMES, as_published_same_day
from samestory.pairs.labelled import DevPairs, SemEvalPairs
from samestory.pairs.metrics import expected_calibration_error, pearson, roc_auc, spearman
from samestory.pairs.model import Calibration, fit_calibration
from samestory.pairs.scoring import PairScorer, SameStoryModel
from samestory.pairs.training import THRESHOLDS, fit_heads

SEMEVAL_FOLDS = 5


@dataclass(frozen=True, slots=True)
class CrossValidated:
    """Out-of-fold predictions for every labelled pair of both sources."""

    dev_raw_same: np.ndarray
    dev_raw_same_contemporary: np.ndarray
    """The same pairs as if both articles had been published on the same day."""
    dev_related: np.ndarray
    dev_overall: np.ndarray
    sem_scores: np.ndarray  # (n, 7)


def cross_validate(dev: DevPairs, sem: SemEvalPairs) -> CrossValidated:
    raw_same, contemporary, related, overall = (np.zeros(len(dev.labels)) for _ in range(4))
    for i, j in itertools.combinations_with_replacement(np.unique(dev.folds).tolist(), 2):
        held_out = np.isin(dev.folds, (i, j))
        test = (np.sort(dev.folds, axis=1) == (i, j)).all(axis=1)
        if not test.any():
            continue
        heads = fit_heads(dev.rows(~held_out.any(axis=1)), sem, dimensions=("overall",))
        rows = dev.features[test]
        model = SameStoryModel(heads.same_content, heads.same_dated, Calibration.identity())
        raw_same[test] = model.raw(rows)
        contemporary[test] = model.raw(as_published_same_day(rows))
        related[test] = heads.related.predict(rows)
        overall[test] = heads.dimensions["overall"].predict(rows)
    return CrossValidated(raw_same, contemporary, related, overall, semeval_cross_validated(dev, sem))


def semeval_cross_validated(
    dev: DevPairs, sem: SemEvalPairs, dimensions: Sequence[str] = DIMENSIONS, seed: int = 0
) -> np.ndarray:
    """Out-of-fold SemEval scores, (n, 7) in DIMENSIONS order (0 for dimensions not asked for): each fold's
    heads fitted on the other folds and all of news-dev; ``seed`` assigns the article groups to folds."""
    scores = np.zeros_like(sem.labels)
    fold = _semeval_folds(sem.groups, seed)
    for k in range(SEMEVAL_FOLDS):
        heads = fit_heads(dev, sem.rows(fold != k), dimensions=dimensions)
        for position, name in enumerate(DIMENSIONS):
            if name in heads.dimensions:
                scores[fold == k, position] = heads.dimensions[name].predict(sem.features[fold == k])
    return scores


def _semeval_folds(groups: np.ndarray, seed: int = 0) -> np.ndarray:
    unique = np.unique(groups)
    order = np.random.default_rng(seed).permutation(len(unique))
    fold_of = dict(zip(unique.tolist(), (order % SEMEVAL_FOLDS).tolist(), strict=True))
    return np.array([fold_of[g] for g in groups.tolist()])


@dataclass(frozen=True, slots=True)
class DevReport:
    """news-dev figures on the README's pair set (and the unrelated pairs), with the USE-cosine baseline."""

    similarity: dict[str, float]
    overall_graded_pearson: float
    baseline: dict[str, float]
    calibration_error: float
    false_same_story_unrelated: float
    false_same_story_unrelated_same_day: float
    """news-dev's unrelated pairs lie years apart; real unrelated stories share days. The same pairs, as if
    published on one day, must stay apart on content alone."""
    false_related_unrelated: float
    same_story_recall: float
    related_called_same: float
    pairs: int

    def as_dict(self) -> dict[str, object]:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in asdict(self).items()} | {
            "similarity": {k: round(v, 4) for k, v in self.similarity.items()},
            "baseline": {k: round(v, 4) for k, v in self.baseline.items()},
        }


def rank_metrics(scores: np.ndarray, labels: np.ndarray, cross: np.ndarray) -> dict[str, float]:
    same, related_or_same = labels == 1.0, labels > 0
    return {
        "pearson": pearson(scores, labels),
        "spearman": spearman(scores, labels),
        "auc_same_vs_rest": roc_auc(same, scores),
        "auc_same_vs_related": roc_auc(same[related_or_same], scores[related_or_same]),
        "auc_cross_lingual": roc_auc(same[cross], scores[cross]),
    }


def dev_report(dev: DevPairs, cv: CrossValidated) -> tuple[DevReport, np.ndarray]:
    """Figures on the README pair set; returns the calibrated out-of-fold probabilities too.

    Rankings and labels use one calibration fitted on all out-of-fold scores (two parameters; it changes no
    ranking). The calibration error is cross-fitted: the map is fitted on a random half of the pairs and
    measured on the other, then the other way round, so that too comes from pairs the map did not see.
    """
    rows = dev.evaluation_rows
    labels, cross, raw = dev.labels[rows], dev.cross_lingual[rows], cv.dev_raw_same[rows]
    truth = (labels == 1.0).astype(float)
    half = np.random.default_rng(0).permutation(len(rows)) % 2 == 1
    cross_fitted = np.zeros(len(rows))
    for part in (half, ~half):
        cross_fitted[part] = fit_calibration(raw[~part], truth[~part])(raw[part])
    shipped = fit_calibration(raw, truth)
    calibrated = shipped(raw)
    unrelated = dev.labels == 0.0
    all_probability = shipped(cv.dev_raw_same)
    all_related = np.maximum(cv.dev_related, all_probability)
    labelled_same = calibrated >= THRESHOLDS.same_story
    report = DevReport(
        similarity=rank_metrics(calibrated, labels, cross),
        overall_graded_pearson=pearson(-cv.dev_overall[rows], labels),
        baseline=rank_metrics(dev.features[rows, HEAD_COS], labels, cross),
        calibration_error=expected_calibration_error(cross_fitted, truth),
        false_same_story_unrelated=float((all_probability[unrelated] >= THRESHOLDS.same_story).mean()),
        false_same_story_unrelated_same_day=float(
            (shipped(cv.dev_raw_same_contemporary[unrelated]) >= THRESHOLDS.same_story).mean()
        ),
        false_related_unrelated=float(
            (
                (all_related[unrelated] >= THRESHOLDS.related) & (all_probability[unrelated] < THRESHOLDS.same_story)
            ).mean()
        ),
        same_story_recall=float(labelled_same[labels == 1.0].mean()),
        related_called_same=float(labelled_same[labels == 0.5].mean()),
        pairs=len(rows),
    )
    return report, calibrated


@dataclass(frozen=True, slots=True)
class SemEvalReport:
    """Pearson on each SemEval score, overall and per language pair, beside the USE-cosine baseline."""

    pearson: dict[str, float]
    per_language_pair: dict[str, dict[str, float]]
    pairs: int

    def as_dict(self) -> dict[str, object]:
        return {
            "pairs": self.pairs,
            "pearson": {k: round(v, 4) for k, v in self.pearson.items()},
            "per_language_pair": {
                lang: {k: (round(v, 4) if isinstance(v, float) else v) for k, v in row.items()}
                for lang, row in self.per_language_pair.items()
            },
        }


def semeval_report(
    predicted: np.ndarray, labels: np.ndarray, baseline: np.ndarray, languages: np.ndarray
) -> SemEvalReport:
    """``predicted``/``labels``: (n, 7) in DIMENSIONS order; ``baseline``: head cosine (higher = more alike)."""
    correlations = {}
    for position, name in enumerate(DIMENSIONS):
        known = ~np.isnan(labels[:, position])
        correlations[name] = pearson(predicted[known, position], labels[known, position])
    correlations["baseline_overall"] = pearson(-baseline, labels[:, 0])
    by_language: dict[str, list[int]] = defaultdict(list)
    for position, language in enumerate(languages.tolist()):
        by_language[language].append(position)
    per_language = {
        language: {
            "pairs": len(rows),
            "overall": pearson(predicted[rows, 0], labels[rows, 0]),
            "baseline": pearson(-baseline[rows], labels[rows, 0]),
        }
        for language, rows in sorted(by_language.items())
    }
    return SemEvalReport(correlations, per_language, len(labels))


def evaluate_scorer(scorer: PairScorer, sem: SemEvalPairs) -> SemEvalReport:
    """A scorer as it is (the shipped one, or one from ``samestory train``) on SemEval-format pairs."""
    judged = scorer.judge_features(sem.features)
    predicted = np.array([[scores[name] for name in DIMENSIONS] for scores in judged.scores])
    return semeval_report(predicted, sem.labels, sem.features[:, HEAD_COS], sem.language_pairs)


HEAD_COS = FEATURE_NAMES.index("head_cos")
