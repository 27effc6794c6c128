"""Telling ordinary vocabulary from names with word frequencies alone."""

from __future__ import annotations

import pytest

from samestory.documents.vocabulary import is_common_word


@pytest.mark.parametrize("word", ["Trojanern", "Teleskops", "Technikchef", "Getreidekorridors", "Hassrede"])
def test_inflected_and_compound_german_nouns_are_vocabulary(word: str) -> None:
    assert is_common_word(word, "de")


@pytest.mark.parametrize("word", ["Haftar", "Halvorsen", "Kaspersky"])
def test_names_that_start_like_a_german_word_are_not_vocabulary(word: str) -> None:
    """'Haft' + 'ar' and 'Hal' + 'vors' + 'en' are no German inflections or compounds."""
    assert not is_common_word(word, "de")
