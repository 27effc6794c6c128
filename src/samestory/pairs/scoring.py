"""The pair scorer: features → calibrated similarity, label and SemEval dimension scores.

Parameters ship with the package (``params/default.json``: the model, the label thresholds, the
encoder they were fitted for, and how they were produced). They load once per process.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from samestory.documents.model import Document
from samestory.errors import ScorerError
from samestory.pairs.comparison import Label
from samestory.pairs.dimensions import DimensionRules
from samestory.pairs.features import FEATURE_NAMES, PairMatches, match_documents, pair_features
from samestory.pairs.model import PairModel, model_from_json

DEFAULT_PARAMS = "default.json"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """similarity ≥ same_story → same story; ≥ related → related (another happening of the same topic)."""

    same_story: float
    related: float

    def label(self, similarity: float) -> Label:
        if similarity >= self.same_story:
            return "same_story"
        return "related" if similarity >= self.related else "different"


@dataclass(frozen=True, slots=True)
class PairScorer:
    model: PairModel
    thresholds: Thresholds
    encoder: str
    dimensions: DimensionRules

    def similarity(self, a: Document, b: Document) -> float:
        return float(self.model.predict(pair_features(a, b))[0])

    def similarities(self, a: Document, others: list[Document]) -> np.ndarray:
        if not others:
            return np.zeros(0)
        return self.model.predict(np.vstack([pair_features(a, other) for other in others]))

    def score(
        self, a: Document, b: Document, matches: PairMatches | None = None
    ) -> tuple[float, dict[str, float], np.ndarray]:
        """Similarity, the seven SemEval scores and the raw features of one pair."""
        matches = matches or match_documents(a, b)
        features = pair_features(a, b, matches)
        similarity = float(self.model.predict(features)[0])
        return similarity, self.dimensions.scores(features, a, b, similarity), features

    def score_batch(self, pairs: list[tuple[Document, Document]]) -> list[tuple[float, dict[str, float]]]:
        """Many pairs with one model call: the trees are evaluated for all rows at once."""
        if not pairs:
            return []
        features = np.vstack([pair_features(a, b) for a, b in pairs])
        similarities = self.model.predict(features)
        return [
            (float(sim), self.dimensions.scores(row, a, b, float(sim)))
            for (a, b), row, sim in zip(pairs, features, similarities, strict=True)
        ]


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
        model = model_from_json(record["model"], source)
        thresholds = Thresholds(**record["thresholds"])
        fitted = {
            name: (np.asarray(item["weights"], dtype=np.float64), float(item["bias"]))
            for name, item in record.get("dimensions", {}).items()
        }
    except (json.JSONDecodeError, KeyError, TypeError) as error:
        raise ScorerError(f"{source}: not a samestory scorer file ({error})") from error
    if model.feature_names != FEATURE_NAMES:
        raise ScorerError(
            f"{source} was fitted for other features than this version computes; re-run `samestory train`"
        )
    return PairScorer(model, thresholds, str(record.get("encoder", "use")), DimensionRules(fitted))
