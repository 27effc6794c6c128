"""Publication dates from metadata strings of any common shape, keeping their precision."""

from __future__ import annotations

import datetime as dt
import re

from samestory.articles.model import PublishedDate

_YEAR = re.compile(r"^\s*(\d{4})\s*$")
_YEAR_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_ISO_DAY_ONLY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
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


def parse_iso_date(text: str) -> PublishedDate | None:
    """A date the user typed for an option: only YYYY-MM-DD, YYYY-MM or YYYY, never "yesterday" (which
    would silently depend on the day the command runs)."""
    for pattern, precision in ((_ISO_DAY_ONLY, "day"), (_YEAR_MONTH, "month"), (_YEAR, "year")):
        if match := pattern.match(text):
            parts = [int(part) for part in match.groups()] + [1, 1]
            return _safe(parts[0], parts[1], parts[2], precision)
    return None


def _safe(year: int, month: int, day: int, precision: str) -> PublishedDate | None:
    try:
        return PublishedDate(dt.date(year, month, day), precision)  # type: ignore[arg-type]
    except ValueError:
        return None


_ABSOLUTE_ONLY = {
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
}
"""No relative dates ("yesterday", "3 hours ago"): in metadata they depend on when the file is read, so an
archive would get today's dates."""


def _parse_free_form(text: str) -> PublishedDate | None:
    import dateparser

    parsed = dateparser.parse(text[:100], settings=_ABSOLUTE_ONLY)
    return PublishedDate(parsed.date(), "day") if parsed else None
