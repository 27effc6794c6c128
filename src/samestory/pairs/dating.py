"""When was an article written? Its publication date, made more precise by the text where it can be.

Sibling stories (the ECB's June vs July decision) differ mostly in time. But a missing publication date is
not estimated from the dates the text names: "the highest since 2013" or "on 11 September 2001" date history,
not the report, and a wrong date would push two reports of one happening apart. Dates the text names are
compared as content (``mention_day_overlap``); the distance between two articles' dates only when both have
one. A month-precise publication date ("2022-07") is refined by the latest day the text names in that month.
"""

from __future__ import annotations

from dataclasses import dataclass

from samestory.documents.model import Document


@dataclass(frozen=True, slots=True)
class EffectiveDate:
    ordinal: float
    uncertainty_days: float


_UNCERTAINTY = {"day": 0.5, "month": 15.0, "year": 182.0}


def effective_date(document: Document) -> EffectiveDate | None:
    published = document.article.published
    if published is not None and published.precision == "day":
        return EffectiveDate(published.ordinal, published.uncertainty_days)
    if published is not None:
        return _refined(
            document, published.date.year, published.date.month if published.precision == "month" else None
        ) or EffectiveDate(published.ordinal, published.uncertainty_days)
    return None


def _refined(document: Document, year: int, month: int | None) -> EffectiveDate | None:
    """A month-precise publication date made day-precise by the latest day the text names inside it."""
    inside = [
        d.date.toordinal()
        for d in document.dates
        if d.precision == "day" and d.date.year == year and (month is None or d.date.month == month)
    ]
    return EffectiveDate(float(max(inside)), 2.0) if inside else None


def calendar_months(document: Document) -> set[tuple[int, int]]:
    """The calendar month the article is from, when its publication date gives at least the month."""
    published = document.article.published
    if published is not None and published.precision in ("day", "month"):
        return {(published.date.year, published.date.month)}
    return set()


def days_apart(a: EffectiveDate | None, b: EffectiveDate | None) -> float | None:
    """Distance beyond what the two dates' precision can explain; None when either is unknown."""
    if a is None or b is None:
        return None
    return max(0.0, abs(a.ordinal - b.ordinal) - a.uncertainty_days - b.uncertainty_days)
