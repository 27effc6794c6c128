"""The signals the scorer combines for one pair of documents, as a fixed-order float vector.

Each feature answers one question a careful reader asks: do the texts say the same thing (vectors,
sentence alignment), about the same people and places, at the same time (publication and mentioned
dates), with the same facts (numbers)? Time and facts are what separate sibling stories.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from samestory.documents.model import Document, EntityMention, Quantity
from samestory.pairs.dating import calendar_months, days_apart, effective_date
from samestory.pairs.overlap import Matched, match_exact, match_fuzzy, match_similar

TOP_ENTITIES = 20
ALIGNED_SENTENCE = 0.6
"""USE cosine above which two sentences say roughly the same thing (inspected on dev pairs)."""

FEATURE_NAMES: tuple[str, ...] = (
    "head_cos",
    "lead_cos",
    "align_mean",
    "align_top3",
    "align_share",
    "entity_overlap",
    "entity_jaccard",
    "entity_missing",
    "role_overlap",
    "place_overlap",
    "country_overlap",
    "place_missing",
    "number_overlap",
    "number_conflict",
    "number_missing",
    "date_known",
    "date_close",
    "date_near",
    "month_differs",
    "mention_day_overlap",
    "mention_year_overlap",
    "length_ratio",
    "same_language",
)


@dataclass(frozen=True, slots=True)
class PairMatches:
    """The matched items behind the features, reused for the evidence."""

    entities: Matched[EntityMention]
    roles: Matched[EntityMention]
    places: Matched
    numbers: Matched[Quantity]
    dates: Matched
    similarity_matrix: np.ndarray


def _named(document: Document) -> list[EntityMention]:
    return [e for e in document.entities if not e.key.startswith("role:")][:TOP_ENTITIES]


def _roles(document: Document) -> list[EntityMention]:
    return [e for e in document.entities if e.key.startswith("role:")]


def _informative_numbers(document: Document) -> list[Quantity]:
    """Bare small numbers (list items, ages, day numbers) are noise; numbers with units are facts."""
    return [q for q in document.numbers if q.unit or q.value >= 100 or q.value != int(q.value)]


def match_documents(a: Document, b: Document) -> PairMatches:
    sims = _sentence_similarities(a, b)
    return PairMatches(
        entities=match_fuzzy(_named(a), _named(b), key=lambda e: e.key),
        roles=match_exact(_roles(a), _roles(b), key=lambda e: e.key),
        places=match_exact(a.places, b.places, key=lambda p: p.key),
        numbers=match_exact(_informative_numbers(a), _informative_numbers(b), key=lambda q: q.key),
        dates=match_similar(
            [d for d in a.dates if d.precision != "year"],
            [d for d in b.dates if d.precision != "year"],
            key=lambda d: d.key,
            similar=lambda x, y: x.covers(y),
        ),
        similarity_matrix=sims,
    )


def _sentence_similarities(a: Document, b: Document) -> np.ndarray:
    if a.sentence_vectors is None or b.sentence_vectors is None:
        return np.zeros((0, 0), dtype=np.float32)
    return a.sentence_vectors @ b.sentence_vectors.T


def pair_features(a: Document, b: Document, matches: PairMatches | None = None) -> np.ndarray:
    matches = matches or match_documents(a, b)
    values: dict[str, float] = {}
    values.update(_vector_features(a, b, matches.similarity_matrix))
    values.update(_entity_features(matches))
    values.update(_number_features(matches))
    values.update(_date_features(a, b))
    values["length_ratio"] = _length_ratio(a, b)
    values["same_language"] = float(a.lang == b.lang)
    return np.array([values[name] for name in FEATURE_NAMES], dtype=np.float32)


def _vector_features(a: Document, b: Document, sims: np.ndarray) -> dict[str, float]:
    head = float(a.head_vector @ b.head_vector) if a.head_vector is not None and b.head_vector is not None else 0.0
    if sims.size == 0:
        return {"head_cos": head, "lead_cos": head, "align_mean": head, "align_top3": head, "align_share": 0.0}
    best_a, best_b = sims.max(axis=1), sims.max(axis=0)
    lead = float(sims[:3, :3].max())
    top = np.sort(sims, axis=None)[::-1][:3]
    share = (float((best_a >= ALIGNED_SENTENCE).mean()) + float((best_b >= ALIGNED_SENTENCE).mean())) / 2
    return {
        "head_cos": head,
        "lead_cos": lead,
        "align_mean": (float(best_a.mean()) + float(best_b.mean())) / 2,
        "align_top3": float(top.mean()),
        "align_share": share,
    }


def _entity_features(matches: PairMatches) -> dict[str, float]:
    countries_a = {p.country for p in (*[x for x, _ in matches.places.pairs], *matches.places.only_a)}
    countries_b = {p.country for p in (*[y for _, y in matches.places.pairs], *matches.places.only_b)}
    smaller = min(len(countries_a), len(countries_b))
    return {
        "entity_overlap": matches.entities.overlap,
        "entity_jaccard": matches.entities.jaccard,
        "entity_missing": float(matches.entities.sides_empty),
        "role_overlap": matches.roles.overlap,
        "place_overlap": matches.places.overlap,
        "country_overlap": len(countries_a & countries_b) / smaller if smaller else 0.0,
        "place_missing": float(matches.places.sides_empty),
    }


def _number_features(matches: PairMatches) -> dict[str, float]:
    numbers = matches.numbers
    units_a = {q.unit for q in numbers.only_a if q.unit}
    units_b = {q.unit for q in numbers.only_b if q.unit}
    shared_units = {q.unit for q, _ in numbers.pairs if q.unit}
    conflicts = len((units_a & units_b) - shared_units)
    return {
        "number_overlap": numbers.overlap,
        "number_conflict": min(1.0, conflicts / 3),
        "number_missing": float(numbers.sides_empty),
    }


def _date_features(a: Document, b: Document) -> dict[str, float]:
    apart = days_apart(effective_date(a), effective_date(b))
    months_a, months_b = calendar_months(a), calendar_months(b)
    month_differs = float(bool(months_a and months_b and not months_a & months_b))
    mentioned = match_exact(
        [d for d in a.dates if d.precision == "day"], [d for d in b.dates if d.precision == "day"], lambda d: d.key
    )
    years = match_exact(
        [d for d in a.dates if d.precision == "year"], [d for d in b.dates if d.precision == "year"], lambda d: d.key
    )
    if apart is None:
        return {
            "date_known": 0.0, "date_close": 0.0, "date_near": 0.0, "month_differs": month_differs,
            "mention_day_overlap": mentioned.overlap, "mention_year_overlap": years.overlap,
        }  # fmt: skip
    return {
        "date_known": 1.0,
        "date_close": math.exp(-apart / 3.0),
        "date_near": math.exp(-apart / 15.0),
        "month_differs": month_differs,
        "mention_day_overlap": mentioned.overlap,
        "mention_year_overlap": years.overlap,
    }


def _length_ratio(a: Document, b: Document) -> float:
    la, lb = len(a.article.text) + 1, len(b.article.text) + 1
    return min(la, lb) / max(la, lb)
