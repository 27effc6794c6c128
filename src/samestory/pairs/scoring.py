"""The pair judgement: features → the probability of one happening, the label, and the SemEval scores.

One judgement serves every entry point (``compare``, ``score``, ``similar``, coverage, story placement, the
API and the web page), with one set of thresholds defined here and fitted once (``params/default.json``):

- ``similarity`` is the calibrated probability that both articles report the same happening. Dated pairs
  are judged by a model that also reads the distance between their dates; a pair where either date is
  unknown is judged by a model that never sees time, so a missing date can never push it down (or up).
- ``related`` is the probability that they share actors or topic (the same happening or a sibling one).
- The label: ``same_story`` when the similarity reaches the same-story threshold (an even chance: the
  probability is calibrated), else ``related`` when the related probability reaches its threshold, else
  ``different``. Two coups in different countries are ``different``.
- The seven SemEval-2022 Task 8 scores (1 = very similar … 4) are each fitted to their own label.

Parameters load once per process.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

import numpy as np

from samestory.documents.model import Document
from samestory.errors import ScorerError
from samestory.pairs.comparison import DIMENSIONS, Label
from samestory.pairs.features import (
    BASE_FEATURE_NAMES,
    DATE_KNOWN,
    FEATURE_NAMES,
    PairMatches,
    match_documents,
    pair_feature_rows,
    pair_features,
)
from samestory.pairs.model import Calibration, TreeEnsemble

DEFAULT_PARAMS = "default.json"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """similarity ≥ same_story → same story; else related probability ≥ related → related; else different."""

    same_story: float
    related: float

    def label(self, similarity: float, related: float) -> Label:
        if similarity >= self.same_story:
            return "same_story"
        return "related" if related >= self.related else "different"


@dataclass(frozen=True, slots=True)
class SameStoryModel:
    """Two tree models (content only; content and time) and the calibration of their output."""

    content: TreeEnsemble
    dated: TreeEnsemble
    calibration: Calibration

    def raw(self, features: np.ndarray) -> np.ndarray:
        features = np.atleast_2d(features)
        dated = features[:, DATE_KNOWN] > 0
        if dated.all():
            return self.dated.predict(features)
        result = self.content.predict(features[~dated])
        if dated.any():
            merged = np.empty(len(features), dtype=result.dtype)
            merged[~dated], merged[dated] = result, self.dated.predict(features[dated])
            return merged
        return result

    def probability(self, features: np.ndarray) -> np.ndarray:
        return self.calibration(self.raw(features))


@dataclass(frozen=True, slots=True)
class Judgements:
    """The judgement of one article against several others (or of many pairs), as arrays."""

    similarity: np.ndarray
    related: np.ndarray
    labels: list[Label]
    scores: list[dict[str, float]]


@dataclass(frozen=True, slots=True)
class PairScorer:
    same_story: SameStoryModel
    related: TreeEnsemble
    dimensions: dict[str, TreeEnsemble]
    thresholds: Thresholds
    encoder: str

    @property
    def feature_names(self) -> tuple[str, ...]:
        """The features its models read: all, or all but the second opinion (default and fast scorers)."""
        return self.same_story.content.feature_names

    @property
    def reads_second_opinion(self) -> bool:
        """Fitted for the precise mode: its documents must carry second vectors (``Document.second_vector``)."""
        return self.feature_names == FEATURE_NAMES

    def judge_features(self, features: np.ndarray, scores: bool = True) -> Judgements:
        """``scores=False`` leaves out the seven SemEval scores (``Judgements.scores`` is then empty)."""
        features = np.atleast_2d(features)
        similarity = self.same_story.probability(features)
        related = np.maximum(self.related.predict(features), similarity)
        labels = [self.thresholds.label(float(s), float(r)) for s, r in zip(similarity, related, strict=True)]
        if not scores:
            return Judgements(similarity, related, labels, [])
        columns = {name: model.predict(features) for name, model in self.dimensions.items()}
        graded = [{name: float(columns[name][i]) for name in DIMENSIONS} for i in range(len(features))]
        return Judgements(similarity, related, labels, graded)

    def judge(self, a: Document, others: list[Document]) -> Judgements:
        """One article against many (the story engine's and the search's call): one model call for all."""
        rows = self._feature_rows(a, others)
        return self.judge_features(rows)

    def judge_best(self, a: Document, others: list[Document], k: int) -> tuple[list[int], Judgements]:
        """The ``k`` of ``others`` most likely to report ``a``'s happening (positions, best first; ties by
        position) with their similarity, related probability and label, not the SemEval scores (``similar``
        shows none). All are ranked by the same-story probability alone and only the ``k`` are read by the
        related model; the features are computed once for both."""
        rows = self._feature_rows(a, others)
        similarity = self.same_story.probability(rows)
        best = np.lexsort((np.arange(len(others)), -similarity))[:k]
        return [int(i) for i in best], self.judge_features(rows[best], scores=False)

    def similarities(self, a: Document, others: list[Document]) -> np.ndarray:
        """Only the calibrated same-story probabilities: what story placement decides with (two of the ten
        models; the related and SemEval heads are for what a user reads)."""
        rows = self._feature_rows(a, others)
        return self.same_story.probability(rows)

    def similarity(self, a: Document, b: Document) -> float:
        return float(self.similarities(a, [b])[0])

    def score(self, a: Document, b: Document, matches: PairMatches | None = None) -> tuple[Judgements, np.ndarray]:
        """The judgement of one pair and its raw features."""
        self._check_second_opinion(a, [b])
        features = pair_features(a, b, matches or match_documents(a, b))
        return self.judge_features(features), features

    def score_batch(self, pairs: list[tuple[Document, Document]]) -> Judgements:
        """Many pairs with one model call: the trees are evaluated for all rows at once."""
        for a, b in pairs:
            self._check_second_opinion(a, [b])
        rows = [pair_features(a, b) for a, b in pairs]
        return self.judge_features(np.vstack(rows) if rows else np.zeros((0, len(FEATURE_NAMES))))

    def _feature_rows(self, a: Document, others: list[Document]) -> np.ndarray:
        """One feature row per pair of ``a`` with each of ``others``."""
        self._check_second_opinion(a, others)
        return pair_feature_rows(a, others)

    def _check_second_opinion(self, a: Document, others: list[Document]) -> None:
        """A precise scorer given documents without second vectors would read their cosine as 0 and judge
        every pair less alike than it is: refused, naming what to do."""
        if not self.reads_second_opinion:
            return
        lacking = next((d for d in (a, *others) if d.second_vector is None), None)
        if lacking is not None:
            raise ScorerError(
                f"article {lacking.id!r} was analysed without the precise mode's second vector, which this "
                f"scorer (encoder {self.encoder!r}) reads: analyse it with encoder {self.encoder!r} "
                "(--precise), or use the default scorer"
            )


ScorerMode = Literal["default", "fast", "precise"]
SHIPPED_PARAMS: dict[str, str] = {"default": DEFAULT_PARAMS, "fast": "fast.json", "precise": "precise.json"}
"""The shipped scorers: the default one (USE-multilingual vectors), the one fitted for the fast path's static
vectors (``--fast``, encoder ``use-static``) and the one fitted for the precise mode (``--precise``, encoder
``use+e5``: the default's vectors plus e5-small's second opinion)."""
MODE_OF_ENCODER: dict[str, ScorerMode] = {"use": "default", "use-static": "fast", "use+e5": "precise"}
"""The shipped scorer fitted for the vectors of each built-in encoder (a store built in one mode is read with
that mode's scorer without saying so again)."""


def shipped_scorer_path(mode: ScorerMode = "default") -> Path:
    """The file of a shipped scorer."""
    return Path(str(resources.files("samestory.pairs").joinpath("params", SHIPPED_PARAMS[mode])))


def load_scorer(path: str | Path | None = None) -> PairScorer:
    """The shipped scorer, or one written by ``samestory train``."""
    return _load(str(path) if path else None)


@lru_cache(maxsize=4)
def _load(path: str | None) -> PairScorer:
    if path is None:
        source = f"samestory/pairs/params/{DEFAULT_PARAMS}"
        text = resources.files("samestory.pairs").joinpath("params", DEFAULT_PARAMS).read_text("utf-8")
    else:
        source = path
        try:
            text = Path(path).read_text("utf-8")
        except OSError as error:
            raise ScorerError(f"cannot read scorer parameters {path}: {error.strerror}") from error
    try:
        record = json.loads(text)
        return scorer_from_json(record, source)
    except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as error:
        raise ScorerError(f"{source}: not a samestory scorer file ({error})") from error


def scorer_from_json(record: dict, source: str) -> PairScorer:  # type: ignore[type-arg]
    same = record["same_story"]
    scorer = PairScorer(
        same_story=SameStoryModel(
            TreeEnsemble.from_json(same["content"], source),
            TreeEnsemble.from_json(same["dated"], source),
            Calibration.from_json(same["calibration"], source),
        ),
        related=TreeEnsemble.from_json(record["related"], source),
        dimensions={name: TreeEnsemble.from_json(record["dimensions"][name], source) for name in DIMENSIONS},
        thresholds=Thresholds(**record["thresholds"]),
        encoder=str(record.get("encoder", "use")),
    )
    models = (scorer.same_story.content, scorer.same_story.dated, scorer.related, *scorer.dimensions.values())
    if scorer.feature_names not in (FEATURE_NAMES, BASE_FEATURE_NAMES) or any(
        model.feature_names != scorer.feature_names for model in models
    ):
        raise ScorerError(f"{source} was fitted for other features than this version computes; run `samestory train`")
    return scorer


def scorer_to_json(scorer: PairScorer) -> dict[str, object]:
    return {
        "encoder": scorer.encoder,
        "thresholds": {"same_story": scorer.thresholds.same_story, "related": scorer.thresholds.related},
        "same_story": {
            "content": scorer.same_story.content.to_json(),
            "dated": scorer.same_story.dated.to_json(),
            "calibration": scorer.same_story.calibration.to_json(),
        },
        "related": scorer.related.to_json(),
        "dimensions": {name: model.to_json() for name, model in scorer.dimensions.items()},
    }


def trained_pair_ids(path: str | Path | None = None) -> set[str]:
    """The SemEval pair ids a scorer was fitted on (its parameters record them), to flag in-sample figures."""
    source = Path(path) if path else None
    try:
        text = (
            source.read_text("utf-8")
            if source
            else resources.files("samestory.pairs").joinpath("params", DEFAULT_PARAMS).read_text("utf-8")
        )
        return set(json.loads(text).get("trained", {}).get("semeval_pairs", []))
    except (OSError, json.JSONDecodeError, AttributeError):
        return set()
