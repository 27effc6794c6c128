"""The compact frequency tables give exactly wordfreq's Zipf values, for any text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from wordfreq import zipf_frequency as wordfreq_zipf

from samestory.documents.word_frequencies import zipf_frequency

WORDS = ["the", "Regierung", "İstanbul", "BİN", "ılık", "2020", "1.5", "4,75", "straße", "Путин", "习近平", "l'État",
         "co-operation", "xqzvbnm", "", "  ", "U.S."]  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "de", "tr", "ru", "zh", "fr", "ar"])
@pytest.mark.parametrize("word", WORDS)
def test_same_as_wordfreq(word: str, lang: str) -> None:
    assert zipf_frequency(word, lang) == wordfreq_zipf(word, lang)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=24), st.sampled_from(["en", "de", "tr", "es"]))
def test_same_as_wordfreq_for_any_text(word: str, lang: str) -> None:
    assert zipf_frequency(word, lang) == wordfreq_zipf(word, lang)
