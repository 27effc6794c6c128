"""Publication dates from metadata strings of any common shape, keeping their precision."""

from __future__ import annotations

import datetime as dt
import re

from samestory.articles.model import PublishedDate

_YEAR = re.compile(r"^\s*(\d{4})\s*$")
_YEAR_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")


def parse_published(value: object) -> PublishedDate | None:
    """Parse a metadata date ("2022-07-21", "2022-07", "2019", an ISO timestamp, an RFC 822 date).

    Returns None for missing or unreadable values: a wrong date is worse than none for time features.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return PublishedDate(value.date(), "day")
    if isinstance(value, dt.date):
        return PublishedDate(value, "day")
    text = str(value).strip()
    if not text or text.lower() in {"none", "null", "nan"}:
        return None
    if match := _ISO_DAY.match(text):
        return _safe(int(match[1]), int(match[2]), int(match[3]), "day")
    if match := _YEAR_MONTH.match(text):
        return _safe(int(match[1]), int(match[2]), 1, "month")
    if match := _YEAR.match(text):
        return _safe(int(match[1]), 1, 1, "year")
    return _parse_free_form(text)


def _safe(year: int, month: int, day: int, precision: str) -> PublishedDate | None:
    try:
        return PublishedDate(dt.date(year, month, day), precision)  # type: ignore[arg-type]
    except ValueError:
        return None


def _parse_free_form(text: str) -> PublishedDate | None:
    import dateparser

    parsed = dateparser.parse(text[:100], settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False})
    return PublishedDate(parsed.date(), "day") if parsed else None
