"""People and organisations without NER models; the people here are invented for the tests."""

from __future__ import annotations

import pytest

from samestory.documents.entities import find_entities
from samestory.documents.model import EntityMention
from samestory.documents.sentences import split_sentences


def _entities(text: str, lang: str, covered: set[tuple[int, int]] | None = None) -> dict[str, EntityMention]:
    return {e.key: e for e in find_entities(split_sentences(text), lang, covered or set())}


def test_people_are_keyed_by_surname_and_later_mentions_merge() -> None:
    found = _entities(
        "Harbour master Dagny Rasmussen met the mayor, Oskar Lindgren, at the port. "
        "Rasmussen said two boats would be added.",
        "en",
    )
    person = found["rasmusen"]
    assert (person.name, person.kind, person.count) == ("Dagny Rasmussen", "person", 2)
    assert person.forms == ["Dagny Rasmussen", "Rasmussen"]
    assert found["lindgren"].kind == "person"


def test_person_keys_agree_across_languages() -> None:
    english = _entities("The mayor, Oskar Lindgren, opened the bridge.", "en")
    german = _entities("Bürgermeister Oskar Lindgren eröffnete die Brücke.", "de")
    russian = _entities("Мэр Оскар Линдгрен открыл мост.", "ru")
    assert "lindgren" in english.keys() & german.keys() & russian.keys()


def test_acronyms_are_organisations_with_upper_case_keys() -> None:
    found = _entities("Inspectors from the NTSB arrived on Monday.", "en")
    assert found["NTSB"].kind == "organisation"


def test_names_with_uncommon_organisation_words_are_organisations() -> None:
    found = _entities("Shares in Nordhavn Holdings Inc rose.", "en")
    assert found["nordhavn"].kind == "organisation"
    assert found["nordhavn"].name == "Nordhavn Holdings Inc"


def test_company_name_keeps_its_distinctive_word_as_key() -> None:
    """The ordinary word ('Bank') is trimmed, so 'Nordhavn Bank' and 'Nordhavn' are one entity."""
    found = _entities("Analysts at Nordhavn Bank were surprised. Nordhavn declined to comment.", "en")
    assert found["nordhavn"].count == 2
    assert found["nordhavn"].kind != "person"


def test_german_capitalised_nouns_are_not_entities() -> None:
    found = _entities("Die Regierung will den Haushalt ändern, sagte Oskar Lindgren.", "de")
    assert set(found) == {"lindgren"}


@pytest.mark.parametrize("number", ["neun", "9", "drei"])
def test_a_german_noun_after_a_written_number_is_no_entity(number: str) -> None:
    found = _entities(f"Der Pegel stieg auf über {number} Meter, sagte Oskar Lindgren.", "de")
    assert set(found) == {"lindgren"}


def test_words_already_resolved_as_places_are_skipped() -> None:
    text = "Oskar Lindgren flew to Moscow."
    sentence = split_sentences(text)[0]
    with_place = _entities(text, "en", {(0, sentence.index("Moscow"))})
    without = _entities(text, "en")
    assert "moskov" not in with_place
    assert set(without) >= set(with_place)


def test_chinese_names_come_from_part_of_speech_tags() -> None:
    found = _entities("港务局长张伟周一会见了市长李明。张伟表示欢迎。", "zh")
    names = {e.name: e.count for e in found.values()}
    assert names.get("张伟") == 2
    assert "李明" in names
