"""Publication dates from metadata keep their precision, and unreadable values become None."""

from __future__ import annotations

import datetime as dt

import pytest

from samestory.articles.dates import parse_published
from samestory.articles.model import PublishedDate


@pytest.mark.parametrize(
    ("value", "iso", "precision"),
    [
        ("2022-07-21", "2022-07-21", "day"),
        ("2022-07-21T08:21:00+02:00", "2022-07-21", "day"),
        ("2022-07-21 08:21:00", "2022-07-21", "day"),
        ("2022-07", "2022-07", "month"),
        ("2019", "2019", "year"),
        ("Thu, 21 Jul 2022 08:21:00 GMT", "2022-07-21", "day"),
        (dt.date(2021, 3, 4), "2021-03-04", "day"),
        (dt.datetime(2021, 3, 4, 12, 0), "2021-03-04", "day"),
    ],
)
def test_parse_published_shapes(value: object, iso: str, precision: str) -> None:
    parsed = parse_published(value)
    assert parsed is not None
    assert (parsed.iso(), parsed.precision) == (iso, precision)


@pytest.mark.parametrize("value", [None, "", "  ", "None", "null", "NaN", "2022-13-45", "not a date at all"])
def test_unreadable_dates_are_none(value: object) -> None:
    assert parse_published(value) is None


def test_ordinal_sits_in_the_middle_of_the_uncertain_span() -> None:
    month = PublishedDate(dt.date(2022, 7, 1), "month")
    year = PublishedDate(dt.date(2022, 1, 1), "year")
    assert month.ordinal == dt.date(2022, 7, 15).toordinal()
    assert year.ordinal == dt.date(2022, 7, 1).toordinal()
    assert (month.uncertainty_days, year.uncertainty_days) == (15.0, 182.0)
