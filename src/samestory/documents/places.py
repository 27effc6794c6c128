"""Places in the text, resolved to gazetteer ids with the story's countries and a population prior.

A name is read in two passes. The first finds every word sequence the gazetteer knows ("Tripoli",
"Ливии", "Libya'da", "Schwarzen Meer", "仰光"); the second decides what each one is, with the whole
article as context: the countries it names (and those of its big cities, and of its language, since local
news rarely names its own country), a population prior, and what surrounds the word.

- "Tripoli" in an article that names Libya is Libya's capital, not Lebanon's city.
- A town in a country the article never names must be large to be believed: "Jupiter" (a Florida town of
  60,000) in a telescope story, "Hanahan" in a Dresden flood report are not places.
- A word the language uses every day is no town ("Para" in Turkish, "Puno" in Croatian, "Löhne" in
  German) unless the article names the town's country.
- Part of a person's or an organisation's name is neither: "Carlos Mesa", "Universität Köln", "Guiana
  Space Center", "Türkiye Gazetesi".
- Demonyms are not places: inflected country names are read through their exact inflection ("Libyens",
  "Nordkoreas"), never through a stem plus an ending ("American", "Argentins").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from itertools import pairwise

from samestory.documents.gazetteer import MAX_CJK_NAME, Gazetteer, PlaceEntry, gazetteer
from samestory.documents.model import PlaceMention
from samestory.documents.name_words import is_organisation_word, is_title
from samestory.documents.person_names import is_given_name
from samestory.documents.tokens import Word, adjacent, fold_case, is_cjk, name_part, words
from samestory.documents.vocabulary import NOUN_CAPITALISING_LANGUAGES, is_common_word, zipf

_ARABIC_PREFIXES = ("وال", "بال", "لل", "ال", "و", "ب", "ل")
_POSSESSIVE = re.compile(r"['’](?:s|in|ın|un|ün|da|de|ta|te|a|e|ya|ye|nin|nın|dan|den)?$", re.IGNORECASE)
_LATIN_ENDINGS = ("ens", "es", "s")
"""Inflections of a whole place name in Latin script (German genitive "Libyens", "Nordkoreas")."""
_CYRILLIC_ENDINGS = (
    "ами",
    "ями",
    "ией",
    "ой",
    "ей",
    "ии",
    "ью",
    "ом",
    "ем",
    "ах",
    "ях",
    "ы",
    "и",
    "е",
    "у",
    "ю",
    "а",
    "я",
)
_SLAVIC_LATIN_LANGUAGES = frozenset({"pl", "cs", "sk", "hr", "sl", "sr", "bs"})
_SLAVIC_LATIN_ENDINGS = ("ie", "ii", "ji", "i", "y", "ę", "ą", "u", "om", "em", "a", "e")
"""Case endings on a name's stem in Polish, Czech and Croatian ("w Rosji", "na Ukrainie")."""
_CONNECTORS = frozenset({"of", "de", "du", "des", "del", "di", "da", "der", "für", "la", "le", "el", "sur", "am", "an"})
"""Lower-case words inside place names ("Île de la Cité", "Frankfurt am Main") and organisations' names."""
_SMALL_CITY = 500_000
_EVERYDAY_ZIPF = 3.5
_ALWAYS_EVERYDAY_ZIPF = 5.6
_FAR_MORE_ZIPF = 1.0
_SMALL_TOWN = 100_000
_ACRONYM_CHARS = 5
"""So frequent that even a capital mid-sentence (a heading, a name of something else) does not make it a town."""
_FOREIGN_CITY = 200_000
"""A city in a country the article does not name (nor its language's) must be at least this large."""
_CONTEXT_CITY = 1_000_000
"""A city this large named in the article makes its country part of the article's context."""
_SMALL_COUNTRY = 1_000_000
_CONTEXT_POPULATION_SHARE = 0.1
"""A city in a country the article names beats a bigger namesake only when it is not tiny beside it."""
HOME_COUNTRIES: dict[str, tuple[str, ...]] = {
    "de": ("DE", "AT", "CH"), "fr": ("FR", "BE", "CH"), "es": ("ES", "MX", "AR", "CO"), "it": ("IT",),
    "pt": ("PT", "BR"), "nl": ("NL", "BE"), "pl": ("PL",), "ru": ("RU",), "uk": ("UA",), "tr": ("TR",),
    "ro": ("RO",), "hr": ("HR",), "cs": ("CZ",), "sv": ("SE",), "da": ("DK",), "el": ("GR",), "hu": ("HU",),
    "fi": ("FI",), "ja": ("JP",), "ko": ("KR",), "zh": ("CN", "TW"),
}  # fmt: skip
"""Countries whose places local news names without naming the country (English and Arabic: too many)."""


@dataclass(frozen=True, slots=True)
class PlaceHit:
    candidates: tuple[PlaceEntry, ...]
    surface: str
    sentence: int
    word_starts: tuple[int, ...]
    starts_sentence: bool = False
    capitalised: bool = True
    beside_name: bool = False
    """Another capitalised word stands right before or after ("Hani Amara", "Amara Street")."""
    beside_given_name: bool = False
    in_organisation: bool = False


def find_places(sentences: list[str], lang: str) -> tuple[list[PlaceMention], set[tuple[int, int]]]:
    """Places of a document, and the (sentence, word start) positions they cover."""
    g = gazetteer()
    hits: list[PlaceHit] = []
    for index, sentence in enumerate(sentences):
        hits.extend(_cjk_hits(sentence, index, g) if is_cjk(sentence) else _word_hits(sentence, index, lang, g))
    surnames = {hit.surface for hit in hits if hit.beside_given_name}
    hits = [hit for hit in hits if hit.surface not in surnames or hit.candidates[0].kind == "country"]
    named = _named_countries(hits, lang)
    context = named | _big_city_countries(hits, lang, named) | set(HOME_COUNTRIES.get(lang, ()))
    mentions: dict[str, PlaceMention] = {}
    covered: set[tuple[int, int]] = set()
    for hit in hits:
        entry = _resolve(hit, lang, named, context)
        if entry is None:
            continue
        covered.update((hit.sentence, start) for start in hit.word_starts)
        mention = mentions.get(entry.key)
        if mention is None:
            mentions[entry.key] = PlaceMention(entry.key, entry.name, entry.country, [hit.surface], 1, hit.sentence)
        else:
            mention.count += 1
            if hit.surface not in mention.forms:
                mention.forms.append(hit.surface)
    return sorted(mentions.values(), key=lambda p: (-p.count, p.first_sentence)), covered


def _named_countries(hits: list[PlaceHit], lang: str) -> set[str]:
    return {
        entry.country
        for hit in hits
        if (entry := hit.candidates[0]).kind == "country" and entry.country and _plausible_country(entry, hit, lang)
    }


def _big_city_countries(hits: list[PlaceHit], lang: str, named: set[str]) -> set[str]:
    countries = set()
    for hit in hits:
        entry = hit.candidates[0]
        big = entry.kind == "city" and entry.population >= _CONTEXT_CITY and entry.country
        if big and _plausible(entry, hit, lang, named, named):
            countries.add(entry.country)  # type: ignore[arg-type]
    return countries


def _resolve(hit: PlaceHit, lang: str, named: set[str], context: set[str]) -> PlaceEntry | None:
    """The candidate the context supports (a city in a named country first), if any is plausible."""
    best = hit.candidates[0]
    floor = best.population * _CONTEXT_POPULATION_SHARE
    in_context = [c for c in hit.candidates if c.country in named and c.population >= floor and c.kind != "country"]
    for entry in (*in_context, *hit.candidates):
        if _plausible(entry, hit, lang, named, context):
            return entry
    return None


def _plausible(entry: PlaceEntry, hit: PlaceHit, lang: str, named: set[str], context: set[str]) -> bool:
    if hit.in_organisation:
        return False
    if entry.kind == "country":
        return _plausible_country(entry, hit, lang)
    if hit.beside_given_name or (hit.beside_name and entry.population < _SMALL_CITY and entry.kind == "city"):
        return False
    first_word = hit.surface.split()[0]
    everyday = _everyday(first_word, lang, hit, entry.population) if len(hit.surface.split()) == 1 else 0
    if entry.kind == "area":
        return not everyday
    if everyday == 2 or (everyday == 1 and entry.country not in context):
        return False
    if entry.kind == "region":
        return entry.country in context
    if hit.surface.isupper() and len(hit.surface) <= _ACRONYM_CHARS and entry.population < _CONTEXT_CITY:
        return False  # "DAX" is an index, not the French town
    if entry.country not in context and entry.population < _FOREIGN_CITY:
        return False
    return len(hit.surface) > 2 or is_cjk(hit.surface)


def _plausible_country(entry: PlaceEntry, hit: PlaceHit, lang: str) -> bool:
    if hit.in_organisation:
        return False
    word = hit.surface.split()[0]
    return not (entry.population < _SMALL_COUNTRY and is_given_name(word) and hit.beside_name)


def _everyday(word: str, lang: str, hit: PlaceHit, population: int) -> int:
    """How much more the language uses the word than a place of that size would be named: 0 not at all;
    1 more ("Halle", "Löhne": the town's country must be in the story's context); 2 far more ("Para" in
    Portuguese or Turkish for Belém, "Sin" in Spanish, "Новый" in Russian: never a place).

    A city of a million may be named as often as a word of Zipf frequency 4.5 ("Brüssel"; "Москве" for ten
    million); every tenfold in population buys one Zipf step. A capital mid-sentence (where the language
    does not capitalise nouns) says "a name" for all but the commonest words.
    """
    expected = _EVERYDAY_ZIPF + max(0.0, math.log10(max(population, 1)) - 5.0)
    frequency = zipf(fold_case(word), lang)
    small_and_ordinary = 0 < population < _SMALL_TOWN and is_common_word(word, lang)  # "Löhne" (wages)
    if frequency < expected and not small_and_ordinary:
        return 0
    level = 2 if frequency >= expected + _FAR_MORE_ZIPF else 1
    capital_says_name = hit.capitalised and not hit.starts_sentence and lang not in NOUN_CAPITALISING_LANGUAGES
    return 0 if capital_says_name and frequency < _ALWAYS_EVERYDAY_ZIPF else level


def _word_hits(sentence: str, index: int, lang: str, g: Gazetteer) -> list[PlaceHit]:
    tokens = [name_part(w) for w in words(sentence)]
    hits: list[PlaceHit] = []
    position = 0
    while position < len(tokens):
        word = tokens[position].text
        if _may_be_name(word):
            hit = _longest_match(sentence, tokens, position, index, g, lang)
        elif word in g.lower_starts:  # "mer Noire", "golfe Persique", "canal de Suez"
            hit = _longest_match(sentence, tokens, position, index, g, lang, min_size=2)
        else:
            hit = None
        if hit is None:
            position += 1
        else:
            hits.append(hit)
            position += len(hit.word_starts)
    return hits


def _may_be_name(word: str) -> bool:
    """A name starts with a capital where the script has capitals (not in Arabic, nor after a digit)."""
    first = word[:1]
    return not first.isalpha() or first.isupper() or first.lower() == first.upper()


def _longest_match(
    sentence: str, tokens: list[Word], position: int, index: int, g: Gazetteer, lang: str, min_size: int = 1
) -> PlaceHit | None:
    first = tokens[position]
    longest = g.words_from.get(fold_case(first.text), 1)
    for size in range(min(longest, len(tokens) - position), min_size - 1, -1):
        window = tokens[position : position + size]
        if size > 1 and not all(adjacent(sentence, a, b) for a, b in pairwise(window)):
            continue
        if min_size > 1 and not window[-1].text[:1].isupper():
            continue  # a name that starts with a lower-case word ends with a capital: "mer Noire", not "el paso"
        if size > 1 and not all(w.text[:1].isupper() or fold_case(w.text) in _CONNECTORS for w in window[1:]):
            continue  # "La flèche" (the arrow) is not La Flèche
        surface = sentence[window[0].start : window[-1].end]
        candidates = _lookup(surface, g, allow_stem=size == 1, lang=lang)
        if not candidates:
            continue
        end = position + size
        neighbours = _capitalised_neighbours(sentence, tokens, position, end)
        return PlaceHit(
            candidates,
            _POSSESSIVE.sub("", surface),
            index,
            tuple(w.start for w in window),
            starts_sentence=position == 0,
            capitalised=first.text[:1].isupper(),
            beside_name=bool(neighbours),
            beside_given_name=any(is_given_name(w) for w in neighbours),
            in_organisation=_in_organisation_name(sentence, tokens, position, end),
        )
    return None


def _lookup(surface: str, g: Gazetteer, allow_stem: bool, lang: str = "") -> tuple[PlaceEntry, ...]:
    lowered = _POSSESSIVE.sub("", fold_case(surface))
    for form in (lowered, lowered + "." if "." in lowered else None):
        if form and (found := g.names.get(form)):
            return found
    if not allow_stem:
        return ()
    for prefix in _ARABIC_PREFIXES:
        if lowered.startswith(prefix) and (found := g.names.get(lowered[len(prefix) :])):
            return found
    for suffix in _LATIN_ENDINGS:
        stem = lowered[: -len(suffix)]
        if lowered.endswith(suffix) and len(stem) >= 4 and (found := g.names.get(stem)):
            return found
    for suffix in _SLAVIC_LATIN_ENDINGS if lang in _SLAVIC_LATIN_LANGUAGES else ():
        stem = lowered[: -len(suffix)]
        if lowered.endswith(suffix) and len(stem) >= 4 and (found := g.stems.get(stem)):
            return found
    for suffix in _CYRILLIC_ENDINGS:
        stem = lowered[: -len(suffix)]
        if lowered.endswith(suffix) and len(stem) >= 4 and (found := g.names.get(stem) or g.stems.get(stem)):
            return found
    return ()


def _capitalised_neighbours(sentence: str, tokens: list[Word], start: int, end: int) -> list[str]:
    """The capitalised words right before and after a name ('Hani' in 'Hani Amara')."""
    found = []
    if start > 0 and tokens[start - 1].text[:1].isupper() and adjacent(sentence, tokens[start - 1], tokens[start]):
        found.append(tokens[start - 1].text)
    if end < len(tokens) and tokens[end].text[:1].isupper() and adjacent(sentence, tokens[end - 1], tokens[end]):
        found.append(tokens[end].text)
    return found


def _in_organisation_name(sentence: str, tokens: list[Word], start: int, end: int) -> bool:
    """'Guiana Space Center', 'Türkiye Gazetesi', 'Universität Köln', 'Bank of England': the place names
    an organisation, it is no place of the story."""
    after = tokens[end : end + 3]
    run_after = []
    previous = tokens[end - 1]
    for word in after:
        if not adjacent(sentence, previous, word) or not word.text[:1].isupper():
            break
        run_after.append(word.text)
        previous = word
    before = []
    index = start - 1
    joined = False
    while index >= 0 and start - index <= 3:
        word = tokens[index]
        if not adjacent(sentence, word, tokens[index + 1]):
            break
        if word.text[:1].isupper() or (joined and (is_organisation_word(word.text) or is_title(word.text))):
            before.append(word.text)  # "ministère de la Défense", "ministre de la Défense", "Bank of England"
        elif fold_case(word.text) in _CONNECTORS:
            joined = True
        else:
            break  # "the capital Naypyidaw": a lower-case word right before a place describes it
        index -= 1
    return any(is_organisation_word(w) or is_title(w) for w in (*run_after, *before))


def _cjk_hits(sentence: str, index: int, g: Gazetteer) -> list[PlaceHit]:
    names = gazetteer().cjk_names
    hits: list[PlaceHit] = []
    position = 0
    while position < len(sentence):
        for size in range(MAX_CJK_NAME, 1, -1):
            chunk = sentence[position : position + size]
            if chunk in names:
                hits.append(PlaceHit(g.names[chunk], chunk, index, (position,), capitalised=False))
                position += size
                break
        else:
            position += 1
    return hits
