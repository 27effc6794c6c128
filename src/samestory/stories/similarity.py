"""The pair similarity the story engine decides with, behind a small Protocol.

The engine is written against ``PairSimilarity`` so it works with the project's trained pair scorer
(``samestory.pairs.scoring``) and, where that is not installed, with ``FallbackSimilarity``: cosine of
head vectors, shared entity and place keys, and the distance between publication dates. Both speak the
same scale: ≥ ~0.6 same story, ~0.3-0.6 related (same actors, another happening), below that different.
"""

from __future__ import annotations

import importlib
import importlib.util
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np

from samestory.documents.model import Document
from samestory.errors import ScorerError

PAIRS_MODULE = "samestory.pairs.scoring"


@runtime_checkable
class PairSimilarity(Protocol):
    """Similarity of two articles in [0, 1] on the scale described in the module docstring."""

    def similarity(self, a: Document, b: Document) -> float: ...

    def similarities(self, a: Document, others: list[Document]) -> np.ndarray: ...


@dataclass(frozen=True, slots=True)
class FallbackSimilarity:
    """Content similarity (vector cosine plus shared names) damped when the dates are far apart.

    ``content`` says "same subject"; the date factor turns it into "same happening": two articles on one
    subject published weeks apart keep about half their score, which lands them in the "related" band.
    The constants are round priors (USE cosine ≈ 0.2 for unrelated news, ≈ 0.6 for one subject), not
    values fitted to any data set.
    """

    cosine_centre: float = 0.42
    cosine_slope: float = 10.0
    entity_weight: float = 1.5
    place_weight: float = 1.0
    days_scale: float = 7.0
    """Standard deviation (days) of the gap between two reports of one happening."""
    undated_factor: float = 0.5
    """Date factor when either date is unknown: neither evidence for nor against the same happening."""
    floor: float = 0.45
    """Share of the content score kept however far apart the dates are: enough to say "related"."""

    def similarity(self, a: Document, b: Document) -> float:
        return float(self.similarities(a, [b])[0])

    def similarities(self, a: Document, others: list[Document]) -> np.ndarray:
        if not others:
            return np.zeros(0, dtype=np.float32)
        cosine = _cosines(a, others)
        entities = _overlaps(a.entity_keys, [o.entity_keys for o in others])
        places = _overlaps(a.place_keys, [o.place_keys for o in others])
        logit = self.cosine_slope * (cosine - self.cosine_centre) + self.entity_weight * entities
        content = 1.0 / (1.0 + np.exp(-(logit + self.place_weight * places)))
        factor = self.date_factors(a, others)
        return (content * (self.floor + (1.0 - self.floor) * factor)).astype(np.float32)

    def date_factors(self, a: Document, others: Sequence[Document]) -> np.ndarray:
        """Expected Gaussian kernel of the gap, with each date's precision taken as uniform noise."""
        day_a, var_a = _day_and_variance(a)
        if day_a is None:
            return np.full(len(others), self.undated_factor)
        pairs = [_day_and_variance(o) for o in others]
        days = np.array([math.nan if day is None else day for day, _ in pairs])
        spread = self.days_scale**2 + var_a + np.array([var for _, var in pairs])
        factors = np.sqrt(self.days_scale**2 / spread) * np.exp(-((days - day_a) ** 2) / (2 * spread))
        return np.where(np.isnan(days), self.undated_factor, factors)


def _day_and_variance(document: Document) -> tuple[float | None, float]:
    published = document.article.published
    if published is None:
        return None, 0.0
    return published.ordinal, published.uncertainty_days**2 / 3.0


def _cosines(a: Document, others: list[Document]) -> np.ndarray:
    if a.head_vector is None or any(o.head_vector is None for o in others):
        raise ScorerError("the story engine needs head vectors on every document (call attach_vectors first)")
    matrix = np.stack([o.head_vector for o in others])  # type: ignore[misc]
    return matrix @ np.asarray(a.head_vector, dtype=np.float32)


def _overlaps(keys: set[str], others: list[set[str]]) -> np.ndarray:
    """Overlap coefficient |A∩B| / min(|A|, |B|): a short article naming few people is not penalised."""
    if not keys:
        return np.zeros(len(others))
    return np.array([len(keys & o) / min(len(keys), len(o)) if o else 0.0 for o in others])


def pairs_scorer_available() -> bool:
    """Whether the project's trained pair scorer is installed (it is built alongside this engine)."""
    try:
        return importlib.util.find_spec(PAIRS_MODULE) is not None
    except ModuleNotFoundError:  # pragma: no cover - the pairs package itself is missing
        return False


def load_pair_similarity(name: str = "auto") -> tuple[str, PairSimilarity]:
    """The scorer to cluster with and its name: "pairs" (trained), "fallback", or "auto".

    "auto" takes the trained scorer when it is installed with its parameters, else the fallback (and
    says so on stderr): clustering must keep working while the trained scorer is being rebuilt.
    """
    if name not in {"auto", "pairs", "fallback"}:
        raise ScorerError(f"unknown story scorer {name!r}: use 'auto', 'pairs' or 'fallback'")
    if name == "fallback" or (name == "auto" and not pairs_scorer_available()):
        return "fallback", FallbackSimilarity()
    try:
        module = importlib.import_module(PAIRS_MODULE)
        return "pairs", module.load_scorer()
    except (ScorerError, ImportError, OSError) as error:
        if name == "pairs":
            raise ScorerError(f"the trained pair scorer cannot be loaded ({error}); use --scorer fallback") from error
        print(f"warning: trained pair scorer unavailable ({error}); clustering with the fallback", file=sys.stderr)
        return "fallback", FallbackSimilarity()
