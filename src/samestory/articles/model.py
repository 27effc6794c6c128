"""The Article: what every reader produces, whatever the input format."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Literal

Precision = Literal["day", "month", "year"]


@dataclass(frozen=True, slots=True)
class PublishedDate:
    """A publication date with its precision: news metadata often gives only the month ("2022-07")."""

    date: dt.date
    precision: Precision = "day"

    def iso(self) -> str:
        if self.precision == "year":
            return f"{self.date.year:04d}"
        if self.precision == "month":
            return f"{self.date.year:04d}-{self.date.month:02d}"
        return self.date.isoformat()

    @property
    def ordinal(self) -> float:
        """Day number at the middle of the uncertain span, so distances between dates are fair."""
        if self.precision == "year":
            return dt.date(self.date.year, 7, 1).toordinal()
        if self.precision == "month":
            return dt.date(self.date.year, self.date.month, 15).toordinal()
        return float(self.date.toordinal())

    @property
    def uncertainty_days(self) -> float:
        return {"day": 0.5, "month": 15.0, "year": 182.0}[self.precision]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from any source; text is already repaired Unicode."""

    id: str
    text: str
    title: str | None = None
    lang: str | None = None
    published: PublishedDate | None = None
    url: str | None = None
    outlet: str | None = None
    source: str | None = None
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def full_text(self) -> str:
        """Title and body together, as the encoders and analysers see the article."""
        if self.title and not self.text.startswith(self.title):
            return f"{self.title}\n{self.text}"
        return self.text

    @property
    def content_hash(self) -> str:
        """Stable identity of the content, used to store each article once."""
        normalised = " ".join(self.full_text.split()).lower()
        return hashlib.sha1(normalised.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """An input item that could not be turned into an Article, with the reason to show the user."""

    item: str
    reason: str

    def __str__(self) -> str:
        return f"{self.item}: {self.reason}"


ReadResult = Article | ReadFailure
