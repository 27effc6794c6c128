"""Name keys that meet across languages and scripts; the names here are invented for the tests."""

from __future__ import annotations

import pytest

from samestory.documents.keys import KeyMatchTable, keys_match, keys_match_matrix, phrase_key, skeleton, token_key


@pytest.mark.parametrize(
    "spellings",
    [
        ("Chalid Mansur", "Khalid Mansour", "Халид Мансур"),
        ("Dschafar Kaschani", "Jafar Kashani", "Джафар Кашани"),
        ("Ruslan Karimow", "Ruslan Karimov", "Руслан Каримов"),
    ],
)
def test_transliterations_of_one_name_share_a_key(spellings: tuple[str, ...]) -> None:
    keys = {phrase_key(name.split()) for name in spellings}
    assert len(keys) == 1


def test_surname_keys_agree_across_german_english_and_russian() -> None:
    assert token_key("Kaschani") == token_key("Kashani") == token_key("Кашани") == "kashani"


@pytest.mark.parametrize(
    ("form", "key"),
    [
        ("Kashani's", "kashani"),
        ("al-Mansur", "mansur"),
        ("el-Mansur", "mansur"),
        ("Kaşani'nin", "kasani"),
        ("Каримова", "karimov"),
        ("Каримовым", "karimovim"),
        ("Halvorssen", "halvorsen"),
    ],
)
def test_token_key_folds_possessives_articles_and_case_endings(form: str, key: str) -> None:
    assert token_key(form) == key


def test_inflected_and_differently_folded_forms_still_match() -> None:
    assert keys_match(token_key("Kaşani'nin"), token_key("Kashani"))
    assert keys_match(token_key("Каримовым"), token_key("Karimov"))


def test_vowelless_script_matches_by_consonant_skeleton() -> None:
    arabic = token_key("برقت")
    assert arabic == "brkt"
    assert skeleton(token_key("Barqat")) == "brkt"
    assert keys_match(arabic, token_key("Barqat"))


@pytest.mark.parametrize(("a", "b"), [("halvorsen", "halvorsson"), ("lindkvist", "lindqvist"), ("mansur", "mansour")])
def test_close_spellings_match(a: str, b: str) -> None:
    assert keys_match(token_key(a), token_key(b))


@pytest.mark.parametrize(("a", "b"), [("brekke", "brenner"), ("mansur", "manson"), ("kashani", "kazemi"), ("", "x")])
def test_different_names_do_not_match(a: str, b: str) -> None:
    assert not keys_match(token_key(a), token_key(b))


def test_phrase_key_drops_empty_tokens() -> None:
    assert phrase_key(["Reserve", "-", "Bank"]) == "reserve bank"


def test_key_matrix_agrees_with_pairwise_matching() -> None:
    keys = ["haftar", "hftr", "hafter", "sisi", "sissi", "trump", "tramp", "truss", "saraj", "seraj", "", "ab"]
    matrix = keys_match_matrix(keys, keys[::-1])
    expected = [[keys_match(a, b) for b in keys[::-1]] for a in keys]
    assert matrix.tolist() == expected
    assert keys_match_matrix([], keys).shape == (0, len(keys))


def test_key_table_gives_the_matrix_of_any_keys_it_was_filled_with() -> None:
    query = ["haftar", "sisi", "trump", "sisi"]
    stored = ["hftr", "sissi", "truss", "saraj", "haftar", "tramp"]
    table = KeyMatchTable(query, stored)
    for a, b in ((["trump", "haftar"], ["tramp", "hftr", "saraj"]), (["sisi"], ["sissi"]), ([], ["hftr"])):
        assert table(a, b).tolist() == keys_match_matrix(a, b).tolist()
    with pytest.raises(KeyError):
        table(["putin"], ["hftr"])
