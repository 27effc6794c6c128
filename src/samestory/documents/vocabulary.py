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


@lru_cache(maxsize=200_000)
def zipf(word: str, lang: str) -> float:
    from wordfreq import available_languages, zipf_frequency

    if lang not in _wordfreq_languages(available_languages):
        return 0.0
    return float(zipf_frequency(word, lang))


@lru_cache(maxsize=1)
def _wordfreq_languages(available_languages) -> frozenset[str]:  # type: ignore[no-untyped-def]
    return frozenset(available_languages())


@lru_cache(maxsize=200_000)
def is_common_word(word: str, lang: str) -> bool:
    """True for ordinary vocabulary of ``lang`` (including function words), False for name-like words."""
    lowered = word.lower()
    own = zipf(lowered, lang)
    if own < _COMMON_ZIPF:
        return False
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


@lru_cache(maxsize=100_000)
def is_frequent_anywhere(word: str) -> bool:
    """A word frequent in any major language: a risky name for a small place."""
    lowered = word.lower()
    return any(zipf(lowered, lang) >= _FREQUENT_ZIPF for lang in (*_LATIN_REFERENCES, *_CYRILLIC_REFERENCES))
