"""Quantities normalised so that the same fact written in two languages has the same key."""

from __future__ import annotations

import pytest

from samestory.documents.numbers import find_numbers


def _keys(sentence: str, lang: str) -> list[str]:
    return [q.key for q in find_numbers([sentence], lang)]


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("Der Konzern zahlt 4,34 Milliarden Euro.", "de"),
        ("The group pays 4.34 billion euros.", "en"),
        ("The group pays €4.34bn.", "en"),
        ("Компания заплатит 4,34 млрд евро.", "ru"),
        ("The group pays 4.34 billion EUR.", "en"),
    ],
)
def test_the_same_amount_in_many_spellings_has_one_key(sentence: str, lang: str) -> None:
    assert _keys(sentence, lang) == ["4340000000 EUR"]


def test_german_and_english_amounts_match() -> None:
    assert _keys("Es geht um 4,34 Milliarden Euro.", "de") == _keys("It is about 4.34 billion euros.", "en")


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("Inflation rose to 5.1 percent.", "en"),
        ("Die Inflation stieg auf 5,1 Prozent.", "de"),
        ("L'inflation a atteint 5,1 %.", "fr"),
        ("Inflation hit 5.1%.", "en"),
    ],
)
def test_percentages(sentence: str, lang: str) -> None:
    assert _keys(sentence, lang) == ["5.1 %"]


def test_thousands_separators_follow_the_language() -> None:
    assert _keys("1,500 people were evacuated.", "en") == ["1500 people"]
    assert _keys("1.500 Menschen wurden evakuiert.", "de") == ["1500 people"]
    assert _keys("1 500 personnes ont été évacuées.", "fr") == ["1500 people"]


def test_decimal_comma_is_not_a_thousands_separator() -> None:
    assert _keys("Der Zins liegt bei 4,75 Prozent.", "de") == ["4.75 %"]
    assert _keys("The rate is 4,75 now.", "en") == ["475"]


@pytest.mark.parametrize(
    ("sentence", "lang", "key"),
    [
        ("Rates rose by 0.25 percentage points.", "en", "0.25 pp"),
        ("Der Zins stieg um 0,25 Prozentpunkte.", "de", "0.25 pp"),
        ("The rate rose 50 basis points.", "en", "50 bp"),
        ("An earthquake of magnitude 7.8 struck.", "en", "7.8 magnitude"),
        ("The deal is worth $12 million.", "en", "12000000 USD"),
        ("Traffic was stopped for 14 days.", "en", "14 day"),
    ],
)
def test_units_are_folded(sentence: str, lang: str, key: str) -> None:
    assert _keys(sentence, lang) == [key]


def test_calendar_years_are_left_to_the_date_finder() -> None:
    assert _keys("In 2022 the bank raised rates.", "en") == []


def test_spans_already_read_as_dates_are_skipped() -> None:
    sentence = "On 17 March 120 people left."
    taken = {0: [(3, 11)]}
    assert [q.key for q in find_numbers([sentence], "en", taken)] == ["120 people"]


def test_quantity_keeps_text_and_sentence() -> None:
    [quantity] = find_numbers(["Nothing.", "It cost 2,3 Milliarden Kronen."], "de")
    assert (quantity.value, quantity.unit, quantity.text, quantity.sentence) == (2.3e9, "", "2,3 Milliarden", 1)
