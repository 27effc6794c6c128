"""Places in the text, resolved to gazetteer ids with the article's countries as context.

"Tripoli" in an article that mentions Libya is Libya's capital, not Lebanon's city; inflected forms
("Libyens", "Ливии", "Libya'da") are matched through their stems; a common word that happens to be a
small town's name ("Of", "Say") is not a place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from samestory.documents.gazetteer import Gazetteer, PlaceEntry, gazetteer
from samestory.documents.model import PlaceMention
from samestory.documents.tokens import Word, adjacent, is_cjk, words
from samestory.documents.vocabulary import is_common_word, is_frequent_anywhere

_ARABIC_PREFIXES = ("وال", "بال", "لل", "ال", "و", "ب", "ل")
_POSSESSIVE = re.compile(r"['’](?:s|in|ın|un|ün|da|de|ta|te|a|e|ya|ye|nin|nın|dan|den)?$", re.IGNORECASE)
_INFLECTING_SUFFIXES = ("ами", "ями", "ией", "ой", "ей", "ии", "ью", "ом", "ем", "ах", "ях",
                        "ens", "es", "s", "n", "i", "e", "u", "a", "y", "ы", "и", "е", "у", "ю", "а", "я")  # fmt: skip
_SMALL_CITY = 500_000
_CONTEXT_POPULATION_SHARE = 0.1
"""A city in a country the article names beats a bigger namesake only when it is not tiny beside it."""
_MAX_CJK_NAME = 6


@dataclass(frozen=True, slots=True)
class PlaceHit:
    entry: PlaceEntry
    candidates: tuple[PlaceEntry, ...]
    surface: str
    sentence: int
    word_starts: tuple[int, ...]


def find_places(sentences: list[str], lang: str) -> tuple[list[PlaceMention], set[tuple[int, int]]]:
    """Places of a document, and the (sentence, word start) positions they cover."""
    g = gazetteer()
    hits: list[PlaceHit] = []
    for index, sentence in enumerate(sentences):
        if is_cjk(sentence):
            hits.extend(_cjk_hits(sentence, index, g))
        else:
            hits.extend(_word_hits(sentence, index, lang, g))
    countries = {h.entry.country for h in hits if h.entry.key.startswith("country:")}
    mentions: dict[str, PlaceMention] = {}
    covered: set[tuple[int, int]] = set()
    for hit in hits:
        entry = _resolve(hit, countries)
        covered.update((hit.sentence, start) for start in hit.word_starts)
        mention = mentions.get(entry.key)
        if mention is None:
            mentions[entry.key] = PlaceMention(entry.key, entry.name, entry.country, [hit.surface], 1, hit.sentence)
        else:
            mention.count += 1
            if hit.surface not in mention.forms:
                mention.forms.append(hit.surface)
    return sorted(mentions.values(), key=lambda p: (-p.count, p.first_sentence)), covered


def _resolve(hit: PlaceHit, countries: set[str]) -> PlaceEntry:
    if hit.entry.key.startswith("country:"):
        return hit.entry
    floor = hit.entry.population * _CONTEXT_POPULATION_SHARE
    in_context = [c for c in hit.candidates if c.country in countries and c.population >= floor]
    return in_context[0] if in_context else hit.entry


def _word_hits(sentence: str, index: int, lang: str, g: Gazetteer) -> list[PlaceHit]:
    tokens = words(sentence)
    hits: list[PlaceHit] = []
    position = 0
    while position < len(tokens):
        hit = _longest_match(sentence, tokens, position, index, lang, g)
        if hit is None:
            position += 1
        else:
            hits.append(hit)
            position += len(hit.word_starts)
    return hits


def _longest_match(
    sentence: str, tokens: list[Word], position: int, index: int, lang: str, g: Gazetteer
) -> PlaceHit | None:
    first = tokens[position]
    if not _may_be_name(first.text, lang):
        return None
    longest = g.words_from.get(first.text.lower(), 1)
    for size in range(min(longest, len(tokens) - position), 0, -1):
        window = tokens[position : position + size]
        if size > 1 and not all(adjacent(sentence, a, b) for a, b in pairwise(window)):
            continue
        surface = sentence[window[0].start : window[-1].end]
        candidates = _lookup(surface, g, allow_stem=size == 1)
        inside_name = _inside_longer_name(sentence, tokens, position, position + size)
        if candidates and _plausible(candidates[0], surface, position == 0, lang, inside_name):
            return PlaceHit(
                candidates[0], candidates, _POSSESSIVE.sub("", surface), index, tuple(w.start for w in window)
            )
    return None


def _may_be_name(word: str, lang: str) -> bool:
    if lang == "ar" or not word[:1].isalpha():
        return True
    return word[0].isupper()


def _lookup(surface: str, g: Gazetteer, allow_stem: bool) -> tuple[PlaceEntry, ...]:
    lowered = _POSSESSIVE.sub("", surface.lower())
    if found := g.names.get(lowered):
        return found
    if not allow_stem:
        return ()
    for prefix in _ARABIC_PREFIXES:
        if lowered.startswith(prefix) and (found := g.names.get(lowered[len(prefix) :])):
            return found
    for suffix in _INFLECTING_SUFFIXES:
        if lowered.endswith(suffix) and len(lowered) - len(suffix) >= 4:
            stem = lowered[: -len(suffix)]
            if found := g.names.get(stem) or g.stems.get(stem):
                return found
    return ()


def _inside_longer_name(sentence: str, tokens: list[Word], start: int, end: int) -> bool:
    """'Amara' in 'Hani Amara' is a person's name, not the Iraqi city."""
    before = start > 0 and tokens[start - 1].text[:1].isupper() and adjacent(sentence, tokens[start - 1], tokens[start])
    after = end < len(tokens) and tokens[end].text[:1].isupper() and adjacent(sentence, tokens[end - 1], tokens[end])
    return bool(before or after)


def _plausible(entry: PlaceEntry, surface: str, starts_sentence: bool, lang: str, inside_name: bool) -> bool:
    if entry.key.startswith("country:"):
        return True
    if inside_name and entry.population < _SMALL_CITY:
        return False
    first_word = surface.split()[0]
    if entry.population < _SMALL_CITY and is_frequent_anywhere(first_word):
        return False  # "Deal", "March", "Kim", "Mai" are small towns and everyday words
    if starts_sentence and is_common_word(first_word, lang):
        return False
    return len(surface) > 2


def _cjk_hits(sentence: str, index: int, g: Gazetteer) -> list[PlaceHit]:
    names = _cjk_names()
    hits: list[PlaceHit] = []
    position = 0
    while position < len(sentence):
        for size in range(_MAX_CJK_NAME, 1, -1):
            chunk = sentence[position : position + size]
            if chunk in names:
                candidates = g.names[chunk]
                hits.append(PlaceHit(candidates[0], candidates, chunk, index, (position,)))
                position += size
                break
        else:
            position += 1
    return hits


@lru_cache(maxsize=1)
def _cjk_names() -> frozenset[str]:
    g = gazetteer()
    return frozenset(name for name in g.names if 2 <= len(name) <= _MAX_CJK_NAME and is_cjk(name))
