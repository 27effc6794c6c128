"""People and organisations in any supported language, without per-language NER models.

Latin, Cyrillic and Greek text: runs of capitalised words, trimmed of titles and ordinary vocabulary
(see ``vocabulary``), kept when they stand out as names. Chinese: jieba's part-of-speech tags for
person, place and organisation names. Each mention gets a key from ``keys``; a person's key is the
surname, so "Khalifa Haftar" and a later "Haftar" are one entity, in this article and across others.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from samestory.documents.keys import phrase_key, token_key
from samestory.documents.model import EntityKind, EntityMention
from samestory.documents.tokens import Word, adjacent, words
from samestory.documents.vocabulary import NOUN_CAPITALISING_LANGUAGES, is_common_word

_CONNECTORS = frozenset(
    [
        "of",
        "de",
        "du",
        "des",
        "del",
        "della",
        "di",
        "da",
        "dos",
        "das",
        "van",
        "von",
        "der",
        "den",
        "zu",
        "bin",
        "ben",
        "bint",
        "ibn",
        "al",
        "el",
        "la",
        "le",
        "y",
        "и",
    ]
)
_ORGANISATION_WORDS = frozenset(
    [
        "bank",
        "force",
        "foundation",
        "stiftung",
        "fondation",
        "fundación",
        "institut",
        "instituto",
        "government",
        "ministry",
        "council",
        "party",
        "army",
        "union",
        "organization",
        "organisation",
        "nations",
        "court",
        "agency",
        "company",
        "corporation",
        "inc",
        "corp",
        "ltd",
        "group",
        "fund",
        "reserve",
        "office",
        "forces",
        "committee",
        "parliament",
        "congress",
        "senate",
        "police",
        "league",
        "federation",
        "association",
        "institute",
        "university",
        "airways",
        "airlines",
        "commission",
        "authority",
        "service",
        "agentur",
        "bundesbank",
        "regierung",
        "ministerium",
        "partei",
        "rat",
        "gericht",
        "konzern",
        "zentralbank",
        "banque",
        "gouvernement",
        "ministère",
        "conseil",
        "parti",
        "armée",
        "cour",
        "agence",
        "société",
        "commission",
        "banco",
        "gobierno",
        "ministerio",
        "consejo",
        "partido",
        "ejército",
        "tribunal",
        "agencia",
        "банк",
        "правительство",
        "министерство",
        "совет",
        "партия",
        "армия",
        "суд",
        "агентство",
    ]
)
_TITLES = frozenset(
    [
        "president",
        "vice",
        "prime",
        "minister",
        "chancellor",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "general",
        "commander",
        "secretary",
        "chief",
        "ceo",
        "chairman",
        "chairwoman",
        "director",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "governor",
        "mayor",
        "senator",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "lord",
        "lady",
        "premier",
        "emir",
        "sheikh",
        "marshal",
        "präsident",
        "präsidentin",
        "kanzler",
        "kanzlerin",
        "bundeskanzler",
        "ministerpräsident",
        "minister",
        "ministerin",
        "chef",
        "sprecher",
        "herr",
        "frau",
        "président",
        "présidente",
        "ministre",
        "premier",
        "chef",
        "porte-parole",
        "général",
        "roi",
        "reine",
        "presidente",
        "ministro",
        "primer",
        "jefe",
        "portavoz",
        "rey",
        "reina",
        "señor",
        "президент",
        "премьер",
        "министр",
        "генерал",
        "глава",
        "канцлер",
        "cumhurbaşkanı",
        "bakan",
        "başkan",
    ]
)
_ARABIC_ARTICLES = frozenset({"al", "el", "ad", "ash", "as", "at", "az", "ar", "an"})
_MIN_KEY_CHARS = 2


@dataclass(frozen=True, slots=True)
class _Span:
    tokens: tuple[str, ...]
    sentence: int
    all_common: bool = False


def find_entities(sentences: list[str], lang: str, place_positions: set[tuple[int, int]]) -> list[EntityMention]:
    """Entities of a document; words already resolved as places (``place_positions``) are skipped."""
    if lang in ("zh", "ja"):
        spans = list(_cjk_spans(sentences))
    else:
        spans = [
            span
            for index, sentence in enumerate(sentences)
            for span in _capitalised_spans(sentence, index, lang, place_positions)
        ]
    return _merge_mentions(spans)


def _capitalised_spans(sentence: str, index: int, lang: str, place_positions: set[tuple[int, int]]) -> Iterable[_Span]:
    tokens = [_strip_lowercase_suffix(w) for w in words(sentence)]
    run: list[Word] = []
    run_start = 0
    for position, word in enumerate(tokens):
        is_place = (index, word.start) in place_positions
        joins = not run or adjacent(sentence, run[-1], word)
        if not is_place and joins and _is_capitalised(word.text):
            run.append(word)
            continue
        is_connector = word.text.lower() in _CONNECTORS and run and joins
        if is_connector and position + 1 < len(tokens) and _is_capitalised(tokens[position + 1].text):
            run.append(word)
            continue
        yield from _finish([w.text for w in run], index, lang, starts_sentence=run_start == 0)
        run = [word] if not is_place and _is_capitalised(word.text) else []
        run_start = position
    yield from _finish([w.text for w in run], index, lang, starts_sentence=run_start == 0)


def _strip_lowercase_suffix(word: Word) -> Word:
    """'GNA-aligned' and 'Nations-backed' name 'GNA' and 'Nations'; 'al-Sisi' keeps its particle."""
    head, sep, tail = word.text.partition("-")
    if sep and tail and tail[0].islower() and head[:1].isupper():
        return Word(head, word.start, word.start + len(head))
    if sep and head.lower() in _ARABIC_ARTICLES and tail[:1].isupper():
        return Word(word.text, word.start, word.end)
    return word


def _is_capitalised(word: str) -> bool:
    head, sep, tail = word.partition("-")
    if sep and head.lower() in _ARABIC_ARTICLES:
        word = tail or word
    return word[:1].isupper() and not (len(word) > 6 and word.isupper())


def _finish(run: list[str], sentence: int, lang: str, starts_sentence: bool) -> Iterable[_Span]:
    if not run:
        return
    tokens = list(run)
    while tokens and _is_trimmed(tokens[0], lang):
        tokens.pop(0)
    while tokens and _is_trimmed(tokens[-1], lang):
        tokens.pop()
    if tokens:
        yield _Span(tuple(tokens), sentence)
    elif _is_named_phrase(run, lang, starts_sentence):
        yield _Span(tuple(run), sentence, all_common=True)


def _is_trimmed(word: str, lang: str) -> bool:
    lowered = word.lower()
    return lowered in _CONNECTORS or lowered in _TITLES or _is_common(word, lang)


def _is_common(word: str, lang: str) -> bool:
    if _is_acronym(word):
        return False
    if "-" in word and all(part[:1].isupper() for part in word.split("-") if part):
        return False  # Notre-Dame, Saint-Denis
    return is_common_word(word, lang)


def _is_named_phrase(run: list[str], lang: str, starts_sentence: bool) -> bool:
    """Several capitalised ordinary words mid-sentence form a name ("European Central Bank")."""
    content = [w for w in run if w.lower() not in _CONNECTORS]
    return len(content) >= 2 and not starts_sentence and lang not in NOUN_CAPITALISING_LANGUAGES


def _is_acronym(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return 2 <= len(letters) <= 6 and all(ch.isupper() for ch in letters)


def _kind_of(span: _Span) -> EntityKind:
    tokens = span.tokens
    if span.all_common:
        return "organisation"
    if len(tokens) == 1 and _is_acronym(tokens[0]):
        return "organisation"
    if any(t.lower() in _ORGANISATION_WORDS for t in tokens):
        return "organisation"
    if 2 <= len([t for t in tokens if t.lower() not in _CONNECTORS]) <= 4:
        return "person"
    return "other"


def _cjk_spans(sentences: list[str]) -> Iterable[_Span]:
    tagger = _jieba_tagger()
    for index, sentence in enumerate(sentences):
        for pair in tagger.cut(sentence):
            if pair.flag in ("nr", "nrt", "nt", "nz") and len(pair.word) >= 2:
                yield _Span((pair.word,), index)


@lru_cache(maxsize=1)
def _jieba_tagger():  # type: ignore[no-untyped-def]
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return jieba.posseg


def _merge_mentions(spans: list[_Span]) -> list[EntityMention]:
    """Fold spans into entities: a single word that is a known person's surname joins that person."""
    surnames: dict[str, str] = {}
    for span in spans:
        if _kind_of(span) == "person":
            surnames.setdefault(token_key(span.tokens[-1]), " ".join(span.tokens))
    entities: dict[str, EntityMention] = {}
    for span in spans:
        kind = _kind_of(span)
        surname = token_key(span.tokens[-1])
        if kind == "person" or (len(span.tokens) == 1 and surname in surnames):
            key, kind = surname, "person"
        elif len(span.tokens) == 1 and _is_acronym(span.tokens[0]):
            key = span.tokens[0].upper()
        else:
            key = phrase_key(span.tokens)
        if len(key) < _MIN_KEY_CHARS:
            continue
        surface = " ".join(span.tokens)
        mention = entities.get(key)
        if mention is None:
            name = surnames.get(surname, surface) if kind == "person" else surface
            entities[key] = EntityMention(key, name, kind, [surface], 1, span.sentence)
        else:
            mention.count += 1
            if surface not in mention.forms:
                mention.forms.append(surface)
    return sorted(entities.values(), key=lambda e: (-e.count, e.first_sentence))
