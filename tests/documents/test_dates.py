"""Dates in the text, with relative expressions resolved against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from samestory.articles.model import PublishedDate
from samestory.documents.dates import find_dates, find_time_expressions, resolve_reference

THURSDAY = PublishedDate(dt.date(2025, 3, 13), "day")


def _dates(sentence: str, published: PublishedDate | None = THURSDAY) -> list[tuple[str, str, str]]:
    return [(d.key, d.precision, d.text) for d in find_dates([sentence], published)]


@pytest.mark.parametrize(
    ("sentence", "key", "text"),
    [
        ("The vote was held yesterday.", "2025-03-12", "yesterday"),
        ("Die Abstimmung fand gestern statt.", "2025-03-12", "gestern"),
        ("Il est arrivé hier soir.", "2025-03-12", "hier"),
        ("Он приехал вчера.", "2025-03-12", "вчера"),
        ("Dün Ankara'da toplandılar.", "2025-03-12", "Dün"),
        ("Le vote aura lieu demain.", "2025-03-14", "demain"),
        ("Hoy se reúne el consejo.", "2025-03-13", "Hoy"),
        ("昨天会议结束。", "2025-03-12", "昨天"),
    ],
)
def test_relative_day_words_in_many_languages(sentence: str, key: str, text: str) -> None:
    assert _dates(sentence) == [(key, "day", text)]


def test_a_past_weekday_is_the_latest_one_before_publication() -> None:
    assert _dates("The vote took place on Saturday.") == [("2025-03-08", "day", "Saturday")]
    assert _dates("Am Donnerstag stimmte der Rat ab.") == [("2025-03-13", "day", "Donnerstag")]


def test_a_weekday_after_from_is_the_next_one() -> None:
    assert _dates("The new rules apply from Monday.") == [("2025-03-17", "day", "Monday")]
    assert _dates("Die Regeln gelten ab Montag.") == [("2025-03-17", "day", "Montag")]


def test_german_morgen_as_a_noun_is_not_tomorrow() -> None:
    assert _dates("Am Morgen kam der Rat zusammen.") == []
    assert _dates("Der Rat tagt morgen.") == [("2025-03-14", "day", "morgen")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The summit on 6 June ended.", ("2025-06-06", "day", "6 June")),
        ("Talks on June 6, 2020 failed.", ("2020-06-06", "day", "June 6, 2020")),
        ("Talks in June 2020 failed.", ("2020-06", "month", "June 2020")),
        ("Der Gipfel am 17. März 2025 endete.", ("2025-03-17", "day", "17. März 2025")),
        ("Le sommet du 8 mai a échoué.", ("2025-05-08", "day", "8 mai")),
        ("Released 2024-11-05 to the press.", ("2024-11-05", "day", "2024-11-05")),
        ("Veröffentlicht am 05.11.2024 in Wien.", ("2024-11-05", "day", "05.11.2024")),
        ("Die Sitzung am 17.03. endete.", ("2025-03-17", "day", "17.03.")),
        ("会议于3月17日举行。", ("2025-03-17", "day", "3月17日")),
        ("He was born in 1961 in a village.", ("1961", "year", "1961")),
    ],
)
def test_explicit_dates(sentence: str, expected: tuple[str, str, str]) -> None:
    assert _dates(sentence) == [expected]


def test_december_mentioned_in_january_news_is_last_year() -> None:
    january = PublishedDate(dt.date(2025, 1, 5), "day")
    assert [(key, precision) for key, precision, _ in _dates("The fire started on 28 December.", january)] == [
        ("2024-12-28", "day")
    ]


def test_short_month_words_alone_are_not_dates() -> None:
    assert _dates("Prices may rise, the board said.") == []


def test_without_publication_date_relative_words_are_kept_as_written() -> None:
    sentences = ["The vote took place on Saturday.", "This week the board met again."]
    assert find_dates(sentences, None) == []
    found = find_time_expressions(sentences)
    assert [(t.text, t.sentence) for t in found] == [("place on Saturday", 0), ("This week", 1)]
    assert sentences[1][slice(*found[1].span)] == "This week"


def test_a_time_reference_resolves_once_a_writing_day_is_assumed() -> None:
    sentence = "Egypt proposed a ceasefire from Monday."
    (reference,) = find_time_expressions([sentence])
    saturday = dt.date(2020, 6, 6)
    resolved = resolve_reference(sentence, reference, saturday)
    assert resolved is not None and (resolved.date, resolved.precision) == (dt.date(2020, 6, 8), "day")


def test_month_precision_publication_does_not_resolve_weekdays() -> None:
    march = PublishedDate(dt.date(2025, 3, 1), "month")
    assert _dates("The vote took place on Saturday.", march) == []


def test_mentions_carry_sentence_index_and_span() -> None:
    [mention] = find_dates(["Nothing here.", "It happened yesterday."], THURSDAY)
    assert mention.sentence == 1
    assert "It happened yesterday."[slice(*mention.span)] == "yesterday"
