"""Fitting the pair judgement on both labelled sources, and measuring it honestly.

Two sources teach different things. news-dev (150 articles, 13 topics) says which pairs report one
happening, which a sibling happening of the same topic, which nothing in common; SemEval-2022 Task 8 (724
real pairs, mostly undated, whole articles) grades similarity on seven dimensions. Every head is fitted on
what each source can say about it:

- same story: news-dev's events (1 / 0) and SemEval's Overall as a soft target ((2.5 − Overall) / 1.5,
  clipped: Overall 1 is surely one story, 2.5 and above surely not), the two weighing 2 : 1;
- related (same actors or topic): news-dev's label > 0 and SemEval's (3.5 − Overall) / 1.5;
- the seven SemEval scores: SemEval's labels; Overall also news-dev's (1 / 2.5 / 4) at a quarter weight,
  which teaches it pairs in two languages and sibling happenings, which SemEval's shared pairs lack.

Evaluation (``samestory.pairs.evaluation``) is cross-validated; the shipped parameters are then fitted on
everything, and the calibration of the same-story probability on the cross-validated scores.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from samestory.articles.semeval import DIMENSIONS
from samestory.pairs.features import (
    BASE_FEATURE_NAMES,
    CONTENT_COLUMNS,
    DATE_KNOWN,
    DATED_COLUMNS,
    FEATURE_NAMES,
    SECOND_OPINION,
    as_published_same_day,
)
from samestory.pairs.labelled import DevPairs, SemEvalPairs
from samestory.pairs.model import TREE_SETTINGS, TreeEnsemble, fit_calibration, fit_trees
from samestory.pairs.scoring import PairScorer, SameStoryModel, Thresholds, scorer_to_json

if TYPE_CHECKING:
    from samestory.pairs.evaluation import CrossValidated, DevReport, SemEvalReport

SEMEVAL_WEIGHT = 0.5
"""SemEval's total weight beside news-dev's 1 in the same-story and related heads (cross-validated:
0.5 gave news-dev same-vs-related AUC 0.925, 1.0 0.917, 2.0 0.912; none 0.891)."""
DEV_WEIGHT_FOR_OVERALL = 0.25
THRESHOLDS = Thresholds(same_story=0.5, related=0.5)
"""Even chances: the same-story probability is calibrated, so 0.5 is where "same story" becomes the likelier
reading; the related head is a probability too."""
MONOTONE: dict[str, int] = {
    "head_cos": 1, "title_cos": 1, "title_head_cos": 1, "lexical_cos": 1, "entity_overlap": 1, "entity_jaccard": 1,
    "place_overlap": 1, "country_overlap": 1, "number_overlap": 1, "mention_day_overlap": 1,
    "date_close": 1, "date_near": 1, "number_conflict": -1, "month_differs": -1, SECOND_OPINION: 1,
}  # fmt: skip
"""More shared names, words or dates never make two reports less alike; a conflicting figure never more."""
_GRADED = {1.0: 1.0, 0.5: 2.5, 0.0: 4.0}
"""news-dev's labels on the SemEval scale, for the Overall head."""


# ---------------------------------------------------------------- fitting


@dataclass(frozen=True, slots=True)
class Heads:
    same_content: TreeEnsemble
    same_dated: TreeEnsemble
    related: TreeEnsemble
    dimensions: dict[str, TreeEnsemble]


def _balanced(labels: np.ndarray) -> np.ndarray:
    """Each news-dev label value (1, 0.5, 0) weighs the same in total: the rare siblings matter most."""
    weights = np.ones(len(labels))
    values = np.unique(labels)
    for value in values:
        mask = labels == value
        weights[mask] = 1.0 / (len(values) * mask.sum())
    return weights


def _stack(
    primary: tuple[np.ndarray, np.ndarray, np.ndarray], secondary: tuple[np.ndarray, np.ndarray], share: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Two sources as one weighted training set: the primary's weights sum to 1, the secondary's to ``share``."""
    x, t, w = primary
    weights = [w / w.sum()]
    second_x, second_t = secondary
    if len(second_x) and share > 0:
        x, t = np.vstack([x, second_x]), np.concatenate([t, second_t])
        weights.append(np.full(len(second_x), share / len(second_x)))
    combined = np.concatenate(weights)
    return x, t, combined * len(t) / combined.sum()


@dataclass(frozen=True, slots=True)
class FeatureView:
    """Which columns of the feature row the heads read: every feature but the second opinion, or all of them
    when the labelled pairs were analysed in the precise mode (their documents carry second vectors)."""

    names: tuple[str, ...]
    content: tuple[int, ...]
    dated: tuple[int, ...]

    @classmethod
    def of(cls, second_opinion: bool) -> FeatureView:
        extra = (FEATURE_NAMES.index(SECOND_OPINION),) if second_opinion else ()
        return cls(
            FEATURE_NAMES if second_opinion else BASE_FEATURE_NAMES,
            (*(int(c) for c in CONTENT_COLUMNS), *extra),
            (*(int(c) for c in DATED_COLUMNS), *extra),
        )


def fit_heads(dev: DevPairs, sem: SemEvalPairs, dimensions: Sequence[str] = DIMENSIONS) -> Heads:
    if dev.second_opinion != sem.second_opinion:
        raise ValueError("news-dev and SemEval pairs must be analysed with the same encoder")
    view = FeatureView.of(dev.second_opinion)
    balanced = _balanced(dev.labels)
    same_dev, same_sem = (dev.labels == 1.0).astype(float), np.clip((2.5 - sem.labels[:, 0]) / 1.5, 0, 1)
    x, t, w = _stack((dev.features, same_dev, balanced), (sem.features, same_sem), SEMEVAL_WEIGHT)
    content = _fit(x, t, w, view.names, view.content)
    dated_x, dated_t, dated_w = _with_contemporaries(x, t, w)
    dated = _fit(dated_x, dated_t, dated_w, view.names, view.dated)
    related_dev, related_sem = (dev.labels > 0).astype(float), np.clip((3.5 - sem.labels[:, 0]) / 1.5, 0, 1)
    x, t, w = _stack((dev.features, related_dev, balanced), (sem.features, related_sem), SEMEVAL_WEIGHT)
    related = _fit(x, t, w, view.names, view.content)
    heads: dict[str, TreeEnsemble] = {}
    every = tuple(range(len(view.names)))
    for position, name in enumerate(DIMENSIONS):
        if name not in dimensions:
            continue
        known = ~np.isnan(sem.labels[:, position])
        sem_x, sem_t = sem.features[known], sem.labels[known, position]
        if name == "overall":
            graded = np.array([_GRADED[label] for label in dev.labels])
            x, t, w = _stack((sem_x, sem_t, np.ones(len(sem_x))), (dev.features, graded), DEV_WEIGHT_FOR_OVERALL)
        else:
            x, t, w = sem_x, sem_t, np.ones(len(sem_x))
        heads[name] = _fit(x, t, w, view.names, every, bounds=(1.0, 4.0), sign=-1)
    return Heads(content, dated, related, heads)


CONTEMPORARY_WEIGHT = 0.25
"""Weight of each surely-unrelated pair replayed as published the same day (``_with_contemporaries``)."""


def _with_contemporaries(x: np.ndarray, t: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The dated model's training set: the dated pairs, plus every pair that is surely two stories (target 0,
    dated or not) again as if both were published on the same day.

    news-dev's unrelated pairs come from other years, so on its own the dated model learns "published close
    together → same story"; but every day brings many unrelated stories (a harbour festival and a flood two
    days apart in one country). These contemporaries teach it that a close date means something only beside
    shared content. SemEval's pairs, collected from one period, are added this way too.
    """
    dated = x[:, DATE_KNOWN] > 0
    unrelated = t == 0.0
    return (
        np.vstack([x[dated], as_published_same_day(x[unrelated])]),
        np.concatenate([t[dated], t[unrelated]]),
        np.concatenate([w[dated], w[unrelated] * CONTEMPORARY_WEIGHT]),
    )


def _fit(
    x: np.ndarray,
    t: np.ndarray,
    w: np.ndarray,
    names: tuple[str, ...],
    columns: tuple[int, ...],
    bounds: tuple[float, float] = (0.0, 1.0),
    sign: int = 1,
) -> TreeEnsemble:
    monotone = {name: sign * direction for name, direction in MONOTONE.items()}
    return fit_trees(x, t, names, columns, w, bounds=bounds, monotone=monotone)


def fit_scorer(dev: DevPairs, sem: SemEvalPairs, cv: CrossValidated, encoder: str) -> PairScorer:
    heads = fit_heads(dev, sem)
    rows = dev.evaluation_rows
    calibration = fit_calibration(cv.dev_raw_same[rows], (dev.labels[rows] == 1.0).astype(float))
    return PairScorer(
        same_story=SameStoryModel(heads.same_content, heads.same_dated, calibration),
        related=heads.related,
        dimensions=heads.dimensions,
        thresholds=THRESHOLDS,
        encoder=encoder,
    )


def save_scorer(
    scorer: PairScorer, out: Path, dev: DevReport, sem: SemEvalReport, sources: dict[str, str], sem_ids: list[str]
) -> None:
    record = scorer_to_json(scorer) | {
        "trained": {
            "command": (
                "samestory train"
                + ("" if scorer.encoder == "use" else f" --encoder {scorer.encoder}")
                + " --dev DEV.jsonl --semeval-csv PAIRS.csv --semeval-dir ARTICLES --out P.json"
            ),
            "data": sources,
            "method": (
                f"histogram-boosted trees {TREE_SETTINGS}, monotone in {sorted(MONOTONE)}; same-story: news-dev "
                f"events + SemEval Overall (weight {SEMEVAL_WEIGHT}), content-only and dated models, logistic "
                "calibration on cross-validated scores; related: news-dev topics + SemEval; SemEval scores: "
                f"SemEval labels (+ news-dev graded at {DEV_WEIGHT_FOR_OVERALL} for Overall)"
            ),
            "date": dt.date.today().isoformat(),
            "cross_validated": {"news_dev": dev.as_dict(), "semeval": sem.as_dict()},
            "semeval_pairs": sem_ids,
        }
    }
    out.write_text(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
