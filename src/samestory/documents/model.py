"""The Document: an Article plus what samestory understood of it, in language-independent keys."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from samestory.articles.model import Article
from samestory.documents.terms import TermVector

EntityKind = Literal["person", "organisation", "other"]
MentionPrecision = Literal["day", "week", "month", "year"]


@dataclass(slots=True)
class EntityMention:
    """A person, organisation or other named thing; ``key`` is the same across languages and spellings."""

    key: str
    name: str
    kind: EntityKind
    forms: list[str] = field(default_factory=list)
    count: int = 1
    first_sentence: int = 0


@dataclass(slots=True)
class PlaceMention:
    """A place resolved to a gazetteer id such as ``country:LY`` or ``city:2210247``."""

    key: str
    name: str
    country: str | None
    forms: list[str] = field(default_factory=list)
    count: int = 1
    first_sentence: int = 0


@dataclass(frozen=True, slots=True)
class TimeReference:
    """A weekday or week that an undated article names ("from Monday", "this week"), kept as written:
    which day it is depends on the day the article was written, which nobody told us."""

    text: str
    sentence: int
    span: tuple[int, int]


@dataclass(slots=True)
class DateMention:
    """A date the text mentions, resolved against the publication date when it is relative."""

    date: dt.date
    precision: MentionPrecision
    text: str
    sentence: int = 0
    span: tuple[int, int] = (0, 0)

    @property
    def first_day(self) -> dt.date:
        if self.precision == "year":
            return dt.date(self.date.year, 1, 1)
        if self.precision == "month":
            return self.date.replace(day=1)
        if self.precision == "week":
            return self.date - dt.timedelta(days=self.date.weekday())
        return self.date

    @property
    def last_day(self) -> dt.date:
        if self.precision == "year":
            return dt.date(self.date.year, 12, 31)
        if self.precision == "month":
            following = (self.date.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            return following - dt.timedelta(days=1)
        if self.precision == "week":
            return self.first_day + dt.timedelta(days=6)
        return self.date

    def covers(self, other: DateMention) -> bool:
        """One mention's span of days lies inside the other's ("Monday 8 June" is in "this week")."""
        inside = self.first_day <= other.first_day and other.last_day <= self.last_day
        return inside or (other.first_day <= self.first_day and self.last_day <= other.last_day)

    @property
    def key(self) -> str:
        if self.precision == "week":
            year, week, _ = self.date.isocalendar()
            return f"{year:04d}-W{week:02d}"
        if self.precision == "year":
            return f"{self.date.year:04d}"
        if self.precision == "month":
            return f"{self.date.year:04d}-{self.date.month:02d}"
        return self.date.isoformat()


@dataclass(slots=True)
class Quantity:
    """A number with its unit or counted noun ("4.34 billion euros", "magnitude 7.8", "25%")."""

    value: float
    unit: str
    text: str
    sentence: int = 0

    @property
    def key(self) -> str:
        if self.unit == "score":
            return f"score {int(self.value) // 100}-{int(self.value) % 100}"
        return f"{_compact(self.value)}{(' ' + self.unit) if self.unit else ''}"


def _compact(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.6g}"


@dataclass(slots=True)
class Document:
    """Everything later stages need about one article; vectors are unit-normalised float32."""

    article: Article
    lang: str
    lang_confidence: float
    sentences: list[str]
    entities: list[EntityMention]
    places: list[PlaceMention]
    dates: list[DateMention]
    numbers: list[Quantity]
    time_expressions: list[TimeReference] = field(default_factory=list)
    terms: TermVector = field(default_factory=TermVector.empty)
    head_vector: np.ndarray | None = None
    title_vector: np.ndarray | None = None
    """The title's vector (the first sentence's when the article has no title): what the story is, in short."""
    sentence_vectors: np.ndarray | None = None
    second_vector: np.ndarray | None = None
    """The precise mode's second opinion: a second encoder's vector of the lead (``PreciseEncoder``); None
    in the default and fast modes."""
    warnings: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.article.id

    @property
    def entity_keys(self) -> set[str]:
        return {e.key for e in self.entities}

    @property
    def place_keys(self) -> set[str]:
        return {p.key for p in self.places}

    @property
    def number_keys(self) -> set[str]:
        return {q.key for q in self.numbers}

    @property
    def date_keys(self) -> set[str]:
        return {d.key for d in self.dates}
