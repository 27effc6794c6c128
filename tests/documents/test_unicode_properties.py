"""Analysis never fails on real-world text: any script, case-mapping quirks, control characters.

Property-based: Hypothesis drives arbitrary Unicode (and text built from the letters that break naive
lower-casing: Turkish İ/ı, German ß/ẞ, Greek final sigma, combining marks) through every text-processing
function of the analysis stage.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samestory.articles.model import Article, PublishedDate
from samestory.documents.analyze import analyse_text
from samestory.documents.dates import find_dates, find_time_expressions
from samestory.documents.demonyms import is_demonym
from samestory.documents.entities import find_entities
from samestory.documents.keys import keys_match, phrase_key, token_key
from samestory.documents.numbers import find_numbers
from samestory.documents.places import find_places
from samestory.documents.roles import find_roles
from samestory.documents.sentences import split_sentences
from samestory.documents.tokens import fold_case
from samestory.documents.vocabulary import is_common_word, is_own_language_word

TRICKY = "İıIißẞΣσςﬁǅ\u0307\u0301\u200b\u200d\u00a0 .,:-–%€$0123456789"
"""Letters whose case mapping changes length or is language-specific, marks, invisible and numeric characters."""
WORDS = [
    "BİN", "NİSAN", "MAYIS", "YIL", "POLİS", "CUMHURBAŞKANI", "STRASSE", "Straße", "ΟΔΟΣ", "Μάιος", "İSTANBUL",
    "Diyarbakır", "ARALIK", "ŞUBAT", "MİLYAR", "YÜZDE", "Ǆemal", "ﬁnance", "12", "3,5", "2020", "Pazartesi",
]  # fmt: skip
LANGS = ["en", "de", "tr", "el", "ar", "zh", "ru", "fr", "und", "xx"]

tricky_text = st.text(alphabet=st.sampled_from(TRICKY) | st.characters(), max_size=300)
wordy_text = st.lists(st.sampled_from(WORDS) | st.text(alphabet=TRICKY, max_size=6), max_size=40).map(" ".join)
any_text = tricky_text | wordy_text
PUBLISHED = [None, PublishedDate(dt.date(2021, 5, 3)), PublishedDate(dt.date(2020, 6, 1), "month")]
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(any_text)
def test_fold_case_is_idempotent_and_keeps_lookups_consistent(text: str) -> None:
    assert fold_case(fold_case(text)) == fold_case(text)
    assert "\u0307" not in fold_case(text)


@FAST
@given(any_text, st.sampled_from(LANGS), st.sampled_from(PUBLISHED))
def test_every_finder_accepts_any_text(text: str, lang: str, published: PublishedDate | None) -> None:
    sentences = split_sentences(text)
    assert all(sentence.strip() for sentence in sentences)
    places, positions = find_places(sentences, lang)
    find_entities(sentences, lang, positions)
    find_roles(sentences)
    dates = find_dates(sentences, published)
    spans = {}
    for mention in dates:
        spans.setdefault(mention.sentence, []).append(mention.span)
    find_numbers(sentences, lang, spans)
    find_time_expressions(sentences)
    assert all(p.key.startswith(("country:", "city:", "region:", "area:")) for p in places)


@FAST
@given(any_text, any_text)
def test_name_keys_accept_any_text(a: str, b: str) -> None:
    assert token_key(a).isascii()
    assert phrase_key(a.split()).isascii()
    assert keys_match(token_key(a), token_key(a))
    keys_match(token_key(a), token_key(b))


@FAST
@given(any_text, st.none() | any_text, st.sampled_from([None, "tr", "de", "el"]), st.sampled_from(PUBLISHED))
def test_analysis_of_any_article(
    text: str, title: str | None, lang: str | None, published: PublishedDate | None
) -> None:
    document = analyse_text(Article(id="x", text=text, title=title, lang=lang, published=published))
    assert document.lang
    for mention in document.numbers:
        assert mention.key


@FAST
@given(any_text, st.sampled_from(LANGS))
def test_word_classes_accept_any_word(text: str, lang: str) -> None:
    """Demonyms and vocabulary are looked up for every capitalised word, whatever its script or case quirks."""
    for word in text.split() or [text]:
        assert isinstance(is_demonym(word), bool)
        assert isinstance(is_own_language_word(word, lang), bool)
        assert isinstance(is_common_word(word, lang), bool)
