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


def _names(text: str, lang: str) -> set[str]:
    return {e.name for e in _entities(text, lang).values() if not e.key.startswith("role:")}


def test_a_nobiliary_particle_keeps_a_surname_that_is_also_a_german_noun() -> None:
    found = _entities("Das teilte Bundesministerin Ursula von der Brücke mit.", "de")
    assert [(e.name, e.kind) for e in found.values()] == [("Ursula von der Brücke", "person")]


def test_a_title_prefix_is_no_name() -> None:
    found = _entities("Er werde den Account von Ex-Präsident Oskar Lindgren wieder aktivieren.", "de")
    assert [(e.name, e.kind) for e in found.values()] == [("Oskar Lindgren", "person")]


def test_a_month_abbreviation_in_a_dateline_is_no_name() -> None:
    assert "LUG" not in _names("(ANSA) - 21 LUG - La banca ha alzato i tassi, ha detto Oskar Lindgren.", "it")


def test_chinese_transliterated_names_are_joined_and_titles_left_out() -> None:
    text = "缅甸国务资政昂山素姬今天被军方扣押。军方表示，昂山素姬将被居家监视。缅甸国防军发表声明。"
    found = {e.name: e.kind for e in _entities(text, "zh").values()}
    assert found["昂山素姬"] == "person"
    assert found["缅甸国防军"] == "organisation"
    assert not any(name.endswith("资政") for name in found)


def test_a_preposition_glued_to_a_chinese_name_is_dropped() -> None:
    found = {e.name for e in _entities("权力移交予总司令敏昂莱，由敏瑞担任代理总统。敏瑞是前副总统。", "zh").values()}
    assert {"敏昂莱", "敏瑞"} <= found
    assert "由敏瑞" not in found


def test_quoted_company_names_count_whatever_their_meaning() -> None:
    names = _names("Компании «Роснефть» и «Мегафон» пострадали, сообщил Оскар Линдгрен.", "ru")
    assert {"Роснефть", "Мегафон"} <= names


def test_an_acronym_before_a_person_is_split_from_the_name() -> None:
    found = _entities("Документ подписал генеральный секретарь ООН Оскар Линдгрен.", "ru")
    assert found["ООН"].kind == "organisation"
    assert found["lindgren"].name == "Оскар Линдгрен"
    assert found["lindgren"].kind == "person"


def test_latin_names_in_chinese_text_are_found() -> None:
    found = {e.name for e in _entities("缅甸总统温敏(Win Myint)被扣押，BBC报道。", "zh").values()}
    assert "BBC" in found


def test_a_word_in_a_line_of_capitals_is_no_acronym() -> None:
    names = _names("BAKAN ŞİMŞEK'TEN KARARLILIK MESAJI geldi, dedi Oskar Lindgren.", "tr")
    assert "MESAJI" not in names


def test_an_organisation_named_after_a_people_stays() -> None:
    names = _names("A Organização dos Estados Americanos condenou o golpe, disse Oskar Lindgren.", "pt")
    assert "Organização dos Estados Americanos" in names


@pytest.mark.parametrize(
    ("text", "lang", "person"),
    [
        pytest.param(
            "Eine Welle von Angriffen traf die Firma, sagte Oskar Lindgren.", "de", "Oskar Lindgren",
            id="an article inside a capitalised run marks the German noun after it",
        ),
        pytest.param(
            "Ob die Bahn von Trojanern befallen wurde, sagte Oskar Lindgren nicht. Der Spiegel des Teleskops glänzt.",
            "de", "Oskar Lindgren", id="inflected German nouns",
        ),
        pytest.param(
            "Benutzen Sie aktuelle Virenschutz-Software, teilte der älteste Touristik-Konzern mit, sagte "
            "Oskar Lindgren.",
            "de", "Oskar Lindgren", id="generic hyphen compounds",
        ),
        pytest.param(
            "Ransomware hit the port on Monday, Oskar Lindgren said. The ransomware spread fast.", "en",
            "Oskar Lindgren", id="a sentence start the article writes in lower case elsewhere",
        ),
        pytest.param(
            "Атака произошла около 14:00, сообщил Оскар Линдгрен.", "ru", "Оскар Линдгрен",
            id="a frequent word starting a sentence, though related languages share it",
        ),
        pytest.param(
            "The deal was brokered by Oskar Lindgren in Kovalsk...", "en", "Oskar Lindgren",
            id="a word cut short by an ellipsis",
        ),
        pytest.param(
            "Libyans and Bolivians protested, Oskar Lindgren said.", "en", "Oskar Lindgren", id="demonyms",
        ),
        pytest.param(
            "Comme tous les Birmans, ils sont privés de connexion, a dit Oskar Lindgren.", "fr", "Oskar Lindgren",
            id="a French demonym",
        ),
        pytest.param(
            "Shops on Kovalsk Street closed as North American buyers left, Oskar Lindgren said.", "en",
            "Oskar Lindgren", id="a street and a people",
        ),
    ],
)  # fmt: skip
def test_ordinary_words_are_no_names(text: str, lang: str, person: str) -> None:
    assert _names(text, lang) == {person}
