"""Places resolve to one gazetteer key whatever the language, script or inflection."""

from __future__ import annotations

import pytest

from samestory.documents.places import find_places
from samestory.documents.sentences import split_sentences


def _keys(text: str, lang: str) -> list[str]:
    places, _ = find_places(split_sentences(text), lang)
    return [p.key for p in places]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Die Lage in Libyen bleibt angespannt.", "de"),
        ("La situation en Libye reste tendue.", "fr"),
        ("Ливия готовится к выборам.", "ru"),
        ("Ситуация в Ливии остаётся напряжённой.", "ru"),
        ("Libya is preparing for elections.", "en"),
        ("Libya'da seçimler yapılacak.", "tr"),
        ("الوضع في ليبيا متوتر.", "ar"),
        ("利比亚局势紧张。", "zh"),
    ],
)
def test_every_name_of_libya_is_one_country_key(text: str, lang: str) -> None:
    assert _keys(text, lang) == ["country:LY"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Talks in Brussels continue.", "en"),
        ("Gespräche in Brüssel gehen weiter.", "de"),
        ("Les négociations à Bruxelles continuent.", "fr"),
    ],
)
def test_city_exonyms_share_the_city_key(text: str, lang: str) -> None:
    assert _keys(text, lang) == ["city:2800866"]


def test_inflected_russian_city_name_is_found() -> None:
    assert _keys("Вчера в Москве прошли переговоры.", "ru") == _keys("He flew to Moscow.", "en") == ["city:524901"]


def test_country_in_the_article_picks_the_namesake_city() -> None:
    libya = _keys("The ministry in Tripoli met. Libya will vote soon.", "en")
    lebanon = _keys("The ministry in Tripoli met. Lebanon will vote soon.", "en")
    assert libya[0] != lebanon[0]
    assert (libya[0], lebanon[0]) == ("city:2210247", "city:266826")


def test_mentions_are_counted_and_forms_collected() -> None:
    places, _ = find_places(split_sentences("Libyen wählt. Libya votes. Libyen zählt."), "de")
    [libya] = places
    assert (libya.key, libya.count, libya.forms, libya.country, libya.name) == (
        "country:LY",
        3,
        ["Libyen", "Libya"],
        "LY",
        "Libya",
    )


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Of course the talks went on.", "en"),
        ("Say what you like about the plan.", "en"),
        ("Mayor Hani Amara spoke to reporters.", "en"),
    ],
)
def test_everyday_words_and_parts_of_names_are_not_places(text: str, lang: str) -> None:
    assert _keys(text, lang) == []


def test_covered_positions_are_the_word_starts_of_places() -> None:
    sentences = split_sentences("Er reiste nach Moskau. Dann kam er nach Libyen zurück.")
    _, covered = find_places(sentences, "de")
    assert covered == {(0, sentences[0].index("Moskau")), (1, sentences[1].index("Libyen"))}


def test_a_lower_case_word_before_a_place_describes_it() -> None:
    """'the capital Naypyidaw' is the city; 'ministère de la Défense' would name an organisation."""
    text = "Phone lines in the capital Naypyidaw were cut, Myanmar's army said."
    places, _ = find_places(split_sentences(text), "en")
    assert "city:6611854" in {p.key for p in places}
