"""The signals the scorer combines for one pair of documents, as a fixed-order float vector.

Each feature answers one question a careful reader asks: do the texts say the same thing (head, title and
rare-word similarity), about the same people and places, with the same facts (numbers, dates the text
names), and, when both articles are dated, at the same time? Time and facts are what separate sibling
stories; the rare words two reports share are what separate one happening from another of its kind.

Every feature is read from what a stored article keeps (head and title vectors, weighted terms, the
analysed keys), so a stored article and a fresh one score alike. Sentence vectors are for the evidence
only: cross-validated on both data sets, sentence-alignment features added nothing to these
(SemEval-2022 Pearson 0.763 with and without; news-dev same-vs-related AUC 0.925 vs 0.927).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter

import numpy as np

from samestory.documents.keys import KeyMatchTable
from samestory.documents.model import DateMention, Document, EntityMention, PlaceMention, Quantity
from samestory.documents.terms import term_cosines
from samestory.pairs.dating import EffectiveDate, calendar_months, days_apart, effective_date
from samestory.pairs.overlap import Matched, match_exact, match_fuzzy, match_similar

CONTENT_FEATURES: tuple[str, ...] = (
    "head_cos",
    "title_cos",
    "title_head_cos",
    "lexical_cos",
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
    "mention_day_overlap",
    "mention_year_overlap",
    "length_ratio",
    "same_language",
)
"""What the two texts say: all that judges an undated pair."""
TIME_FEATURES: tuple[str, ...] = ("date_close", "date_near", "month_differs")
"""When both articles are dated (by metadata or by a date their text names): read only for such pairs."""
SECOND_OPINION = "second_lead_cos"
"""The cosine of the precise mode's second-opinion vectors (``Document.second_vector``): read only by scorers
fitted for that mode; 0 for documents without them, which no other scorer reads."""
FEATURE_NAMES: tuple[str, ...] = (*CONTENT_FEATURES, "date_known", *TIME_FEATURES, SECOND_OPINION)
BASE_FEATURE_NAMES: tuple[str, ...] = FEATURE_NAMES[:-1]
"""What the default and fast scorers read: every feature but the second opinion."""
CONTENT_COLUMNS = np.array([FEATURE_NAMES.index(name) for name in CONTENT_FEATURES])
DATED_COLUMNS = np.array([FEATURE_NAMES.index(name) for name in (*CONTENT_FEATURES, *TIME_FEATURES)])
DATE_KNOWN = FEATURE_NAMES.index("date_known")
_COLUMN = {name: column for column, name in enumerate(FEATURE_NAMES)}


def as_published_same_day(rows: np.ndarray) -> np.ndarray:
    """Feature rows as if both articles had been published on the same day (content unchanged)."""
    moved = np.array(rows, copy=True)
    moved[:, DATE_KNOWN] = 1.0
    for name, value in (("date_close", 1.0), ("date_near", 1.0), ("month_differs", 0.0)):
        moved[:, FEATURE_NAMES.index(name)] = value
    return moved


@dataclass(frozen=True)
class PairMatches:
    """The matched items behind the features, reused for the evidence (what the user sees is what scored)."""

    entities: Matched[EntityMention]
    roles: Matched[EntityMention]
    places: Matched[PlaceMention]
    numbers: Matched[Quantity]
    dates_a: Sequence[DateMention]
    dates_b: Sequence[DateMention]

    @cached_property
    def dates(self) -> Matched[DateMention]:
        """The dates both texts name, matched when first asked for: only the evidence reads them (the features
        compare the day and year mentions exactly), and matching them pair by pair was a tenth of placing a
        news-length article (``py-spy`` on ``benchmarks/fast_path.py``)."""
        return match_similar(self.dates_a, self.dates_b, key=_key, similar=lambda x, y: x.covers(y))


@dataclass(frozen=True, slots=True)
class _Side:
    """What the features read of one document, gathered once however many documents it is compared with."""

    document: Document
    named: list[EntityMention]
    roles: list[EntityMention]
    numbers: list[Quantity]
    mentioned_days: list[DateMention]
    mentioned_years: list[DateMention]
    date: EffectiveDate | None
    months: set[tuple[int, int]]

    @classmethod
    def of(cls, document: Document) -> _Side:
        return cls(
            document,
            named=[e for e in document.entities if not e.key.startswith("role:")],
            roles=[e for e in document.entities if e.key.startswith("role:")],
            numbers=_informative_numbers(document),
            mentioned_days=[d for d in document.dates if d.precision == "day"],
            mentioned_years=[d for d in document.dates if d.precision == "year"],
            date=effective_date(document),
            months=calendar_months(document),
        )


def _informative_numbers(document: Document) -> list[Quantity]:
    """Bare small numbers (list items, ages, day numbers) are noise; numbers with units are facts."""
    return [q for q in document.numbers if q.unit or q.value >= 100 or q.value != int(q.value)]


_key = attrgetter("key")


def match_documents(a: Document, b: Document) -> PairMatches:
    return match_many(a, [b])[0]


def match_many(a: Document, others: Sequence[Document]) -> list[PairMatches]:
    """The matches of ``a`` with each of ``others``: ``a``'s names are compared with all of theirs in one
    fuzzy matrix (the story engine and ``similar`` compare one article with dozens)."""
    return _match_sides(_Side.of(a), [_Side.of(other) for other in others])


def _match_sides(side: _Side, others: list[_Side]) -> list[PairMatches]:
    names = KeyMatchTable([e.key for e in side.named], [e.key for other in others for e in other.named])
    return [_matches(side, other, names) for other in others]


def _matches(a: _Side, b: _Side, names: KeyMatchTable) -> PairMatches:
    return PairMatches(
        entities=match_fuzzy(a.named, b.named, key=_key, accepted=names),
        roles=match_exact(a.roles, b.roles, key=_key),
        places=match_exact(a.document.places, b.document.places, key=_key),
        numbers=match_exact(a.numbers, b.numbers, key=_key),
        dates_a=a.document.dates,
        dates_b=b.document.dates,
    )


def pair_features(a: Document, b: Document, matches: PairMatches | None = None) -> np.ndarray:
    """One pair's row: the row ``pair_feature_rows`` gives it among many (a pair scored alone and in a batch
    get the same score)."""
    return pair_feature_rows(a, [b], None if matches is None else [matches])[0]


def pair_feature_rows(
    a: Document, others: Sequence[Document], matches: Sequence[PairMatches] | None = None
) -> np.ndarray:
    """A row per pair of ``a`` with each of ``others``, in ``FEATURE_NAMES`` order.

    Vector and term similarities are a few array operations for all pairs, and ``a``'s side is read once: per
    pair, only the matching of names, places, numbers and dates is left to Python.
    """
    rows = np.zeros((len(others), len(FEATURE_NAMES)), dtype=np.float32)
    if not others:
        return rows
    side = _Side.of(a)
    sides = [_Side.of(other) for other in others]
    if matches is None:
        matches = _match_sides(side, sides)
    heads = _Stacked.of([o.head_vector for o in others])
    titles = _Stacked.of([o.title_vector for o in others])
    title_head = heads.cosines(a.title_vector)
    head_title = titles.cosines(a.head_vector)
    columns: dict[str, np.ndarray] = {
        "head_cos": heads.cosines(a.head_vector),
        "title_cos": titles.cosines(a.title_vector),
        "title_head_cos": (title_head.astype(np.float64) + head_title.astype(np.float64)) / 2,
        "lexical_cos": term_cosines(a.terms, [o.terms for o in others]),
        "length_ratio": np.array([_length_ratio(a, o) for o in others]),
        "same_language": np.array([float(a.lang == o.lang) for o in others]),
    }
    if a.second_vector is not None:
        columns[SECOND_OPINION] = _Stacked.of([o.second_vector for o in others]).cosines(a.second_vector)
    for name, values in columns.items():
        rows[:, _COLUMN[name]] = values
    for row, other, matched in zip(rows, sides, matches, strict=True):
        values = {**_entity_features(matched), **_number_features(matched), **_date_features(side, other)}
        for name, value in values.items():
            row[_COLUMN[name]] = value
    return rows


@dataclass(frozen=True, slots=True)
class _Stacked:
    """The candidates' vectors of one kind as one matrix (each stacked once, read by two features)."""

    matrix: np.ndarray | None
    present: list[int]
    """Which candidates have this vector (the others score 0)."""
    count: int

    @classmethod
    def of(cls, vectors: Sequence[np.ndarray | None]) -> _Stacked:
        present = [i for i, v in enumerate(vectors) if v is not None]
        matrix = np.vstack([vectors[i] for i in present]) if present else None
        return cls(matrix, present, len(vectors))

    def cosines(self, x: np.ndarray | None) -> np.ndarray:
        """``x`` against each vector (0 where either is missing). Each row is summed on its own, not by a matrix
        product whose rounding depends on how many rows it is given: a pair scored alone and in a batch must
        agree to the last bit."""
        result = np.zeros(self.count, dtype=np.float32)
        if x is not None and self.matrix is not None:
            result[self.present] = (self.matrix * x).sum(axis=1)
        return result


def _entity_features(matches: PairMatches) -> dict[str, float]:
    countries_a = {p.country for p in (*[x for x, _ in matches.places.pairs], *matches.places.only_a)}
    countries_b = {p.country for p in (*[y for _, y in matches.places.pairs], *matches.places.only_b)}
    countries_a.discard(None)
    countries_b.discard(None)
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


def _date_features(a: _Side, b: _Side) -> dict[str, float]:
    """Dates the texts name are content; the distance between the two articles' dates is read only when
    both are known (``date_known``): a missing date is no evidence either way."""
    mentioned = match_exact(a.mentioned_days, b.mentioned_days, _key)
    years = match_exact(a.mentioned_years, b.mentioned_years, _key)
    values = {"mention_day_overlap": mentioned.overlap, "mention_year_overlap": years.overlap}
    apart = days_apart(a.date, b.date)
    if apart is None:
        return {**values, "date_known": 0.0, "date_close": 0.0, "date_near": 0.0, "month_differs": 0.0}
    return {
        **values,
        "date_known": 1.0,
        "date_close": math.exp(-apart / 3.0),
        "date_near": math.exp(-apart / 15.0),
        "month_differs": float(bool(a.months and b.months and not a.months & b.months)),
    }


def _length_ratio(a: Document, b: Document) -> float:
    la, lb = len(a.article.text) + 1, len(b.article.text) + 1
    return min(la, lb) / max(la, lb)
