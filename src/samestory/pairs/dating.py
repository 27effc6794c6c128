"""When did an article's happening take place? Publication date first, else what the text says.

Sibling stories (the ECB's June vs July decision) differ mostly in time, so a missing publication
date is estimated from the dates the text mentions instead of leaving the time signal empty.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from samestory.documents.model import Document


@dataclass(frozen=True, slots=True)
class EffectiveDate:
    ordinal: float
    uncertainty_days: float
    from_metadata: bool


_UNCERTAINTY = {"day": 0.5, "month": 15.0, "year": 182.0}


def effective_date(document: Document) -> EffectiveDate | None:
    published = document.article.published
    if published is not None and published.precision == "day":
        return EffectiveDate(published.ordinal, published.uncertainty_days, True)
    if published is not None:
        return _refined(
            document, published.date.year, published.date.month if published.precision == "month" else None
        ) or EffectiveDate(published.ordinal, published.uncertainty_days, True)
    days = Counter(d.date.toordinal() for d in document.dates if d.precision == "day")
    if days:
        latest = max(days)
        return EffectiveDate(float(latest), 3.0, False)
    months = [d.date.toordinal() + 14 for d in document.dates if d.precision == "month"]
    if months:
        return EffectiveDate(float(max(months)), 20.0, False)
    years = [d.date.year for d in document.dates if d.precision == "year"]
    if years:
        from datetime import date

        return EffectiveDate(float(date(max(years), 7, 1).toordinal()), 200.0, False)
    return None


def _refined(document: Document, year: int, month: int | None) -> EffectiveDate | None:
    """A month-precise publication date made day-precise by the latest day the text names inside it."""
    inside = [
        d.date.toordinal()
        for d in document.dates
        if d.precision == "day" and d.date.year == year and (month is None or d.date.month == month)
    ]
    return EffectiveDate(float(max(inside)), 2.0, True) if inside else None


def calendar_months(document: Document) -> set[tuple[int, int]]:
    """The calendar month(s) the article is from, when known at least to the month."""
    published = document.article.published
    if published is not None and published.precision in ("day", "month"):
        return {(published.date.year, published.date.month)}
    return {(d.date.year, d.date.month) for d in document.dates if d.precision == "day"}


def days_apart(a: EffectiveDate | None, b: EffectiveDate | None) -> float | None:
    """Distance beyond what the two dates' precision can explain; None when either is unknown."""
    if a is None or b is None:
        return None
    return max(0.0, abs(a.ordinal - b.ordinal) - a.uncertainty_days - b.uncertainty_days)
