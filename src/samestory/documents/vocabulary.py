"""Word-frequency knowledge shared by the entity and place finders.

A capitalised word is a name when it is about as frequent in other languages as in its own ("Trump",
"Thomas"), and a common word when it is much more frequent in its own language ("Regierung",
"Government", "Die"). This separates German nouns from names without per-language NER models.
"""

from __future__ import annotations

from functools import lru_cache

_LATIN_REFERENCES = ("en", "de", "fr", "es", "it", "pt", "nl", "pl")
_CYRILLIC_REFERENCES = ("ru", "uk", "bg", "mk")
_COMMON_ZIPF = 3.0
_VERY_COMMON_ZIPF = 5.6
_FREQUENT_ZIPF = 4.0
NOUN_CAPITALISING_LANGUAGES = frozenset({"de", "lb"})
"""Where every noun is capitalised a name must stand out more clearly from its language's vocabulary."""


_WORDFREQ_ALIASES = {"hr": "sh", "sr": "sh", "bs": "sh", "no": "nb", "nn": "nb"}
"""wordfreq files Croatian, Serbian and Bosnian together as Serbo-Croatian, Norwegian as Bokmål."""
COMPOUNDING_LANGUAGES = frozenset({"de", "nl", "sv", "da", "nb", "no"})
"""Where ordinary nouns are written as one word of several ("Ticketautomaten"): a word too rare to be in
the frequency list is still ordinary when it splits into ordinary words."""
INFLECTING_LANGUAGES = frozenset({"tr", "fi", "hu", "de", "ru", "uk", "pl", "cs", "hr", "sr", "bs", "ro"})
"""Where endings pile up on a stem ("Ekonomistlerin", "Trojanern", "Антивирусная"): a word too rare to be
listed is ordinary when a stem of it is ordinary vocabulary."""
INFLECTION_ENDINGS = {"de": frozenset({"s", "es", "n", "en", "e", "er", "ern", "em", "ns", "ens"})}
"""Where the endings are a short closed list, only they make an inflected form: "Trojanern" is "Trojaner"
+ "n" and "Teleskops" "Teleskop" + "s", but "Haftar" is not "Haft" + "ar". Agglutinating languages
(Turkish) stack too many suffixes to list; there any ending counts and the stem must be more frequent."""
_MIN_PART = 3
_MIN_STEM = 4
_MIN_INFLECTED_STEM = 5
"""A shorter stem with an ending is too easily a piece of a name ("Hal|vors|en")."""
_MAX_SUFFIX = 9


@lru_cache(maxsize=200_000)
def zipf(word: str, lang: str) -> float:
    from wordfreq import available_languages

    from samestory.documents.word_frequencies import zipf_frequency

    lang = _WORDFREQ_ALIASES.get(lang, lang)
    if lang not in _wordfreq_languages(available_languages):
        return 0.0
    return float(zipf_frequency(word.replace(_COMBINING_DOT, ""), lang))


_COMBINING_DOT = "\u0307"
"""Left by str.lower() on a Turkish capital İ ("İletişim" → "i̇letişim"); the word lists write a plain i."""


@lru_cache(maxsize=1)
def _wordfreq_languages(available_languages) -> frozenset[str]:  # type: ignore[no-untyped-def]
    return frozenset(available_languages())


@lru_cache(maxsize=200_000)
def is_common_word(word: str, lang: str) -> bool:
    """True for ordinary vocabulary of ``lang`` (including function words), False for name-like words."""
    lowered = word.lower()
    own = zipf(lowered, lang)
    if own < _COMMON_ZIPF:
        return _is_compound_of_common_words(lowered, lang) or _has_common_stem(lowered, lang)
    return _stands_out_in_language(lowered, lang, own)


def _stands_out_in_language(lowered: str, lang: str, own: float) -> bool:
    """Much more frequent in its own language than in its neighbours: vocabulary, not a name."""
    if own >= _VERY_COMMON_ZIPF:
        return True
    references = _references_for(lowered)
    if not references:
        return own >= _VERY_COMMON_ZIPF - 0.6
    others = sorted(zipf(lowered, other) for other in references if other != lang)
    median_other = others[len(others) // 2]
    margin = 2.0 if lang in NOUN_CAPITALISING_LANGUAGES else 1.0
    return own - median_other >= margin


def _references_for(word: str) -> tuple[str, ...]:
    first = next((ch for ch in word if ch.isalpha()), "")
    if "\u0400" <= first <= "\u04ff":
        return _CYRILLIC_REFERENCES
    if first.isascii() or "\u00c0" <= first <= "\u024f":
        return _LATIN_REFERENCES
    return ()


_LISTED_ZIPF = 1.0


@lru_cache(maxsize=100_000)
def is_own_language_word(word: str, lang: str) -> bool:
    """Listed in its language and unknown to the neighbours ("Unbestätigten", "Holidaymakers", "Connectez"):
    a word of that language, not a name, which news in other languages would write too ("Iberdrola")."""
    lowered = word.lower()
    references = [other for other in _references_for(lowered) if other != lang]
    if not references or zipf(lowered, lang) < _LISTED_ZIPF:
        return False
    return all(zipf(lowered, other) < _LISTED_ZIPF for other in references)


@lru_cache(maxsize=100_000)
def is_frequent_anywhere(word: str) -> bool:
    """A word frequent in any major language: a risky name for a small place."""
    lowered = word.lower()
    return any(zipf(lowered, lang) >= _FREQUENT_ZIPF for lang in (*_LATIN_REFERENCES, *_CYRILLIC_REFERENCES))


def _is_compound_of_common_words(word: str, lang: str, depth: int = 0) -> bool:
    """'ticketautomaten' = 'ticket' + 'automaten', 'erpresser-viren' = 'erpresser' + 'viren': ordinary nouns.

    The last part (the compound's head) must be an ordinary word of the language and the first part a
    word or a stem with a linking letter; a name ("Kaspersky", "Schwarzenegger") splits into no such pair.
    """
    if lang not in COMPOUNDING_LANGUAGES:
        return False
    if "-" in word:
        head = word.rsplit("-", 1)[-1]
        return bool(head) and zipf(head, lang) >= _COMMON_ZIPF and not head.isdigit()
    for cut in range(_MIN_PART, len(word) - _MIN_STEM + 1):
        left, right = word[:cut], word[cut:]
        if not _is_listed_form(right, lang):
            continue
        for modifier in (left, left[:-1] if left[-1:] in "sn" else None, left[:-2] if left.endswith("en") else None):
            if not modifier or len(modifier) < _MIN_PART:
                continue
            if zipf(modifier, lang) >= _COMMON_ZIPF or (depth == 0 and _is_compound_of_common_words(modifier, lang, 1)):
                return True  # "reiseinformations|systeme": the modifier may be a compound itself
    return False


def _is_listed_form(word: str, lang: str) -> bool:
    """A word of the frequency list, or one with an inflection ending on such a word ("korridor|s")."""
    if zipf(word, lang) >= _COMMON_ZIPF:
        return True
    endings = INFLECTION_ENDINGS.get(lang, frozenset())
    return any(
        word.endswith(ending)
        and len(word) - len(ending) >= _MIN_INFLECTED_STEM
        and zipf(word[: -len(ending)], lang) >= _COMMON_ZIPF
        for ending in endings
    )


def _has_common_stem(word: str, lang: str) -> bool:
    """'ekonomistlerin' → 'ekonomist', 'trojanern' → 'trojaner': inflected ordinary words.

    The stem must itself stand out as vocabulary of the language (names do not: "Merkels" → "merkel" is
    as frequent elsewhere). Turkish writes a suffix on a name after an apostrophe ("Erdoğan'ın"), so an
    apostrophe is never part of an ordinary inflected word.
    """
    if lang not in INFLECTING_LANGUAGES or "'" in word or "’" in word:
        return False
    endings = INFLECTION_ENDINGS.get(lang)
    for cut in range(len(word) - 1, max(_MIN_STEM, len(word) - _MAX_SUFFIX) - 1, -1):
        stem = word[:cut]
        if endings is not None and word[cut:] not in endings:
            continue
        own = zipf(stem, lang)
        floor = _COMMON_ZIPF if endings is not None else _COMMON_ZIPF + 0.5
        if own >= floor and _stands_out_in_language(stem, lang, own):
            return True
    return False


_FUNCTION_WORD_ZIPF = 6.3
"""English words this frequent are function words ("the", "we", "this", "there"); "state" (5.8) and "new"
(6.2) name things too ("Islamic State", "New Democratic Party")."""


def is_common_in_english(word: str) -> bool:
    """English is quoted in every language's news ("We", "This", "There"): its function words are no names."""
    return zipf(word.lower(), "en") >= _FUNCTION_WORD_ZIPF
