"""People and organisations in any supported language, without per-language NER models.

Latin, Cyrillic and Greek text: runs of capitalised words, cut where a title, a place, a month, a change of
script or (in German, where every noun is capitalised) an ordinary noun stands between names, then trimmed
of ordinary vocabulary where capitals say nothing (the start of a sentence, a headline in title case).
Mid-sentence capitals are evidence of a name in every language but German; there a word must also stand out
from the language's vocabulary (see ``vocabulary``). Chinese: jieba's part-of-speech tags for person and
organisation names. Each mention gets a key from ``keys``; a person's key is the surname, so "Khalifa
Haftar" and a later "Haftar" are one entity, in this article and across others.

The kind: an organisation word ("Bank", "Newswires", "Bakanlığı") or an acronym makes an organisation; a
title before the name ("President", "Bakanı"), a known given name first or family name last makes a person;
a lone name that is neither is an organisation, or "other" when it is written like a product ("WannaCry",
"Covid-19").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from samestory.documents.cjk_names import find_cjk_names
from samestory.documents.demonyms import is_demonym
from samestory.documents.gazetteer import is_place_name
from samestory.documents.keys import phrase_key, token_key
from samestory.documents.model import EntityKind, EntityMention
from samestory.documents.name_words import (
    CONNECTORS,
    JOINING_CONJUNCTIONS,
    TITLE_PREFIXES,
    is_calendar_word,
    is_currency_word,
    is_institution_compound,
    is_organisation_word,
    is_street_name,
    is_title,
)
from samestory.documents.person_names import is_family_name, is_given_name
from samestory.documents.tokens import Word, adjacent, fold_case, name_part, words
from samestory.documents.vocabulary import (
    NOUN_CAPITALISING_LANGUAGES,
    is_common_in_english,
    is_common_word,
    is_own_language_word,
    zipf,
)

_ARABIC_ARTICLES = frozenset({"al", "el", "ad", "ash", "as", "at", "az", "ar", "an"})
_MIN_KEY_CHARS = 2
_MAX_PERSON_WORDS = 4
_POSSESSIVE = re.compile(r"['’](?:s|[^\W\d_]{1,4})$")
"""'s, ’s and Turkish case endings written after an apostrophe ("Erdoğan'ın", "Haftar's")."""
_URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S+|\S+\.(?:com|org|net)/\S*", re.IGNORECASE)
_HEADLINE_SHARE = 0.6
_COMMON_ACRONYM_ZIPF = 5.0
_HEADLINE_VOCABULARY_ZIPF = 4.0
_SENTENCE_START_VOCABULARY_ZIPF = 4.0
_ROMAN_NUMERAL = re.compile(r"^(?=[MDCLXVI])M*(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})$")
_HEADLINE_MIN_WORDS = 4


@dataclass(frozen=True, slots=True)
class _Span:
    tokens: tuple[str, ...]
    sentence: int
    all_common: bool = False
    after_title: bool = False
    lang: str = ""


@dataclass(slots=True)
class _Token:
    word: Word
    is_place: bool = False
    is_break: bool = False
    """A word that ends the current run and belongs to none (a title, a month, an ordinary German noun)."""
    is_title: bool = False


def find_entities(sentences: list[str], lang: str, place_positions: set[tuple[int, int]]) -> list[EntityMention]:
    """Entities of a document; words already resolved as places (``place_positions``) are skipped."""
    spans: list[_Span] = []
    if lang in ("zh", "ja"):
        spans += _cjk_spans(sentences, place_positions)
        sentences, lang = [_LATIN_HIDDEN.sub(" ", sentence) for sentence in sentences], "en"  # "(Win Myint)"
    sentence_words = [words(sentence) for sentence in sentences]
    casing = _casing(sentence_words)
    spans += [
        span
        for index, sentence in enumerate(sentences)
        for span in _sentence_spans(sentence, sentence_words[index], index, lang, place_positions, casing)
    ]
    return _merge_mentions(spans)


_LATIN_HIDDEN = re.compile(r"[^\x00-\u024f]")
"""Everything but Latin letters, digits and punctuation: Chinese and Japanese news writes foreign names in
Latin too ("翁山蘇姬(Aung San Suu Kyi)", "BBC"), and those are read as in English text, at the same offsets."""


@dataclass(frozen=True, slots=True)
class _Casing:
    """How the article writes its words where a capital means something: a capital at the start of a sentence
    says nothing about a word the text writes in lower case elsewhere ("Атака произошла…" beside "атака"),
    and little about an ordinary word it never capitalises inside a sentence ("Reconquering the city…")."""

    lowercase: frozenset[str]
    capitalised_inside: frozenset[str]


def _casing(sentence_words: list[list[Word]]) -> _Casing:
    lowercase: set[str] = set()
    inside: set[str] = set()
    for found in sentence_words:
        for position, word in enumerate(found):
            if word.text[0].islower():
                lowercase.add(fold_case(word.text))
            elif position > 0:
                inside.add(fold_case(word.text))
    return _Casing(frozenset(lowercase), frozenset(inside))


def _sentence_spans(
    sentence: str,
    sentence_words: list[Word],
    index: int,
    lang: str,
    place_positions: set[tuple[int, int]],
    casing: _Casing,
) -> Iterator[_Span]:
    quoted = [
        (start, end)
        for start, end in ([] if lang in NOUN_CAPITALISING_LANGUAGES else _quoted_names(sentence))
        if (index, start) not in place_positions  # the ports «Одесса» and «Южный» are places
    ]
    for start, end in quoted:
        found = tuple(w.text for w in map(_without_possessive, words(sentence[start:end])))
        if not any(is_calendar_word(w) or is_currency_word(w) or is_common_in_english(w) for w in found):
            yield _Span(found, index, lang=lang)
    tokens = [
        token
        for token in _tokens(sentence, sentence_words, index, lang, place_positions)
        if not any(start <= token.word.start < end for start, end in quoted)
    ]
    headline = _is_headline(tokens, sentence)
    run: list[_Token] = []
    run_start = 0
    after_title = False
    for position, token in enumerate(tokens):
        word = token.word
        joins = not run or adjacent(sentence, run[-1].word, word)
        name_like = not token.is_place and not token.is_break and _is_capitalised(word.text)
        if name_like and joins and not _changes_script(run, word):
            run.append(token)
            continue
        if run and joins and _joins_next(run, token, tokens, position):
            run.append(token)
            continue
        if not (token.is_title and all(_is_common(t.word.text, lang) for t in run)):
            before = _word_before_run(sentence, run)
            yield from _finish(run, index, lang, run_start == 0, headline, after_title, before, casing)
        after_title = token.is_title or (after_title and not run and not name_like)
        run = [token] if name_like else []
        run_start = position
    before = _word_before_run(sentence, run)
    yield from _finish(run, index, lang, run_start == 0, headline, after_title, before, casing)


_QUOTED = re.compile(r"[«„“\"‚‘]([^\W\d_][^«»„“”\"‚‘’\n]{0,60}?)[»“”\"‘’]")
_MAX_QUOTED_WORDS = 3


def _quoted_names(sentence: str) -> list[tuple[int, int]]:
    """Capitalised words alone in quotation marks: how Russian, French or Spanish news writes a company's or
    a product's name ("компании «Роснефть»", "«Мегафона»"), whatever its ordinary meaning. Not in German,
    which quotes ordinary nouns as readily („Schuldenbremse“)."""
    spans = []
    for match in _QUOTED.finditer(sentence):
        inside = words(match.group(1))
        content = [w.text for w in inside if fold_case(w.text) not in CONNECTORS]
        if 0 < len(inside) <= _MAX_QUOTED_WORDS and content and all(_is_capitalised(w) for w in content):
            spans.append((match.start(1), match.end(1)))
    return spans


_LAST_WORDS = re.compile(r"(?:(\S+)\s+)?(\S+)\s*$")
_ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")
_MIN_ADJECTIVE = 4


def _word_before_run(sentence: str, run: list[_Token]) -> str | None:
    """What stands right before a run: a word ("das" in "das Virus") or a number ("6,5" in "6,5 Meter"); past
    an inflected adjective, the article before it ("der" in "der älteste Touristik-Konzern")."""
    if not run:
        return None
    match = _LAST_WORDS.search(sentence, 0, run[0].word.start)
    if not match:
        return None
    earlier, nearest = (group.strip("\"'„“«(") if group else None for group in match.groups())
    adjective = nearest is not None and nearest.islower() and len(nearest) >= _MIN_ADJECTIVE
    if earlier and adjective and nearest.endswith(_ADJECTIVE_ENDINGS) and fold_case(earlier) in _GERMAN_DETERMINERS:
        return earlier
    return nearest


def _tokens(
    sentence: str, sentence_words: list[Word], index: int, lang: str, place_positions: set[tuple[int, int]]
) -> Iterator[_Token]:
    """The sentence's words, with places and words that break names marked; URLs and their parts skipped, and
    a word cut short by an ellipsis ("brokered in Istan...", the end of a feed's excerpt)."""
    hidden = [m.span() for m in _URL.finditer(sentence)]
    for word in sentence_words:
        if any(start <= word.start < end for start, end in hidden) or sentence[max(0, word.start - 1)] in "/@#":
            continue
        if sentence.startswith(("...", "…"), word.end):
            continue
        if not word.text.isalpha():  # apostrophes, hyphens, full stops: possessives, elisions, compounds
            word = name_part(_without_possessive(word))
        if lang in NOUN_CAPITALISING_LANGUAGES and "-" in word.text:
            yield from _compound_parts(word, lang)
            continue
        title = is_title(word.text)
        yield _Token(
            word,
            is_place=(index, word.start) in place_positions,
            is_break=title,
            is_title=title,
        )


def _without_possessive(word: Word) -> Word:
    match = _POSSESSIVE.search(word.text)
    if match and match.start() > 0:
        return Word(word.text[: match.start()], word.start, word.start + match.start())
    return word


def _compound_parts(word: Word, lang: str) -> Iterator[_Token]:
    """German hyphen compounds: 'Max-Planck-Institut' is one organisation; 'Twitter-Hauptquartier' names
    Twitter and 'Tesla-Chef' is a title after a name; 'Navigator-App', 'Touristik-Konzern' and 'US-Präsident'
    name nobody."""
    parts = word.text.split("-")
    head = parts[-1]
    generic_head = is_organisation_word(head) or is_place_name(head)
    if generic_head and all(_is_common(part, lang) for part in parts[:-1] if part):
        yield _Token(word, is_break=True)  # "Virenschutz-Software", "Touristik-Konzern"; "Französisch-Guyana"
        return  # is left to the place finder
    if not is_title(head) and (is_organisation_word(head) or not is_common_word(head, lang)):
        yield _Token(word)
        return
    offset = word.start
    for part in parts:
        piece = Word(part, offset, offset + len(part))
        offset += len(part) + 1
        if not part:
            continue
        title = is_title(part) or fold_case(part) in TITLE_PREFIXES
        ordinary = (is_common_word(part, lang) and not _is_acronym(part)) or is_place_name(part)
        yield _Token(piece, is_break=ordinary or title, is_title=title)


def _is_headline(tokens: list[_Token], sentence: str) -> bool:
    """A title-case line ("Egypt Offers New Libya Plan"): its capitals say nothing about names. A line that
    ends like a sentence is body text, however many names it holds."""
    if sentence.rstrip().endswith((".", "!", "?", "。", ":", ";")):
        return False
    long_words = [t.word.text for t in tokens if len(t.word.text) >= 4]
    if len(long_words) < _HEADLINE_MIN_WORDS:
        return False
    capitalised = sum(w[:1].isupper() for w in long_words) / len(long_words)
    shouted = sum(w.isupper() for w in long_words) / len(long_words)
    return capitalised >= _HEADLINE_SHARE or shouted >= _HEADLINE_SHARE


def _changes_script(run: list[_Token], word: Word) -> bool:
    """'Group-IB Илья Сачков' are two names: a name does not change script."""
    return bool(run) and _script(run[-1].word.text) != _script(word.text)


def _script(text: str) -> str:
    first = next((ch for ch in text if ch.isalpha()), "a")
    if "\u0400" <= first <= "\u04ff":
        return "cyrillic"
    if "\u0370" <= first <= "\u03ff":
        return "greek"
    if "\u0600" <= first <= "\u06ff":
        return "arabic"
    return "latin"


def _joins_next(run: list[_Token], token: _Token, tokens: list[_Token], position: int) -> bool:
    """Connectors ('of', 'de la', 'von der') or, after a two-word name, a conjunction join a following capital."""
    text = fold_case(token.word.text)
    ahead = position + 1
    while text in CONNECTORS and ahead < len(tokens) and fold_case(tokens[ahead].word.text) in CONNECTORS:
        ahead += 1
    following = tokens[ahead] if ahead < len(tokens) else None
    if following is None or following.is_place or following.is_break or not _is_capitalised(following.word.text):
        return False
    if text in CONNECTORS:
        return not _is_full_personal_name(run)  # "Marta Lindqvist of Fjordline Securities" is two names
    if text not in JOINING_CONJUNCTIONS or len(run) < 2 or any(t.is_place for t in run):
        return False
    return any(is_organisation_word(t.word.text) for t in _capitalised_run(tokens, ahead))


def _capitalised_run(tokens: list[_Token], start: int) -> list[_Token]:
    """The capitalised words from ``start`` on: what a conjunction would join ("... and Space Administration")."""
    run = []
    for token in tokens[start:]:
        if token.is_place or token.is_break or not _is_capitalised(token.word.text):
            break
        run.append(token)
    return run


def _is_full_personal_name(run: list[_Token]) -> bool:
    words_ = [t.word.text for t in run if fold_case(t.word.text) not in CONNECTORS]  # "Ursula von der …"
    return len(words_) >= 2 and is_given_name(words_[0]) and not any(is_organisation_word(w) for w in words_)


def _is_capitalised(word: str) -> bool:
    head, sep, tail = word.partition("-")
    if sep and head.lower() in _ARABIC_ARTICLES:
        word = tail or word
    return word[:1].isupper() and not (len(word) > 6 and word.isupper())


def _finish(
    run: list[_Token],
    sentence: int,
    lang: str,
    starts_sentence: bool,
    headline: bool,
    after_title: bool,
    before: str | None = None,
    casing: _Casing | None = None,
) -> Iterable[_Span]:
    if not run:
        return
    if _is_acronym_before_person(run):  # "генеральный секретарь ООН Антониу Гутерриш"
        yield from _finish(run[:1], sentence, lang, starts_sentence, headline, after_title, before, casing)
        yield from _finish(run[1:], sentence, lang, False, headline, True, run[0].word.text, casing)
        return
    texts = [t.word.text for t in run]
    for segment, word_before_segment in _segments(texts, lang):
        uninformative = starts_sentence or headline or after_title
        if starts_sentence and casing is not None and _says_nothing_at_sentence_start(segment, lang, casing):
            segment, uninformative, word_before_segment = segment[1:], False, segment[0]
            if not segment:
                continue
        tokens = _trimmed(segment, lang, uninformative, headline, sentence_start=starts_sentence and uninformative)
        segment_before = before if word_before_segment is None else word_before_segment
        directly_after = segment_before if tokens[:1] == segment[:1] else _word_before(segment, tokens)
        if tokens and _is_german_noun(tokens, lang, directly_after):
            tokens = []
        if tokens and not _is_junk(tokens, lang, headline):
            yield _Span(tuple(tokens), sentence, after_title=after_title, lang=lang)
        elif _is_named_phrase(segment, lang, starts_sentence, headline) and not _names_a_street_or_people(
            segment, lang
        ):
            yield _Span(_strip_connectors(segment), sentence, all_common=True, lang=lang)
        starts_sentence = False


_MAX_NAME_AFTER_ACRONYM = 3


def _is_acronym_before_person(run: list[_Token]) -> bool:
    """An organisation's acronym right before a person's name, as Russian and Turkish write a role ("секретарь
    ООН Антониу Гутерриш"); not an acronym heading its own name ("BBC World Service", "ECB Governing Council")."""
    if not 2 <= len(run) - 1 <= _MAX_NAME_AFTER_ACRONYM or not _is_acronym(run[0].word.text):
        return False
    rest = [t.word.text for t in run[1:]]
    return all(_is_capitalised(w) and not _is_acronym(w) and not is_organisation_word(w) for w in rest) and _initials(
        tuple(rest)
    ) != _bare_acronym(run[0].word.text)


def _says_nothing_at_sentence_start(segment: list[str], lang: str, casing: _Casing) -> bool:
    """A sentence's first word that the article writes in lower case elsewhere, or, standing alone, an
    ordinary word of its language alone that it never capitalises inside a sentence; never an acronym or a
    known name."""
    word = segment[0]
    if _is_acronym(word) or is_given_name(word):
        return False
    folded = fold_case(word)
    if folded in casing.lowercase:
        return True
    return (
        len(segment) == 1
        and folded not in casing.capitalised_inside
        and not is_family_name(word)
        and is_own_language_word(word, lang)
    )


def _is_vocabulary(word: str, lang: str, headline: bool, sentence_start: bool = False) -> bool:
    """Ordinary vocabulary; in a headline, where every word is capitalised, and as a sentence's first word,
    also the words a language uses often, though its neighbours use them too ("Plan", "Region", "Атака"):
    a name there will be named again in the text."""
    if _is_acronym(word) or _is_capitalised_compound(word) or not (headline or sentence_start):
        return _is_common(word, lang)
    known_name = is_given_name(word) or is_family_name(word)
    frequency = zipf(fold_case(word), lang)
    if headline and frequency >= _HEADLINE_VOCABULARY_ZIPF:
        return not known_name
    if frequency >= _SENTENCE_START_VOCABULARY_ZIPF and not known_name:
        return True
    return _is_common(word, lang)


def _trimmed(
    segment: list[str], lang: str, leading_capital_uninformative: bool, headline: bool, sentence_start: bool = False
) -> list[str]:
    """Connectors, titles and function words go from both ends; ordinary words from the start where a
    capital says nothing (sentence start, headline, right after a title: 'Secretary of State Antony
    Blinken'), and from the end of a headline. A given name before a surname stays ("Bill Nelson")."""
    tokens = list(segment)
    uninformative = leading_capital_uninformative or headline
    while tokens and _trim_start(tokens, lang, uninformative, headline, sentence_start):
        tokens.pop(0)
        uninformative = headline
        sentence_start = False
    while tokens and _trim_end(tokens, lang, headline):
        tokens.pop()
    return tokens


_DETERMINERS = """der die das den dem des ein eine einen einem einer eines kein keine keinen keinem keiner dieser diese
dieses diesem diesen jene jener jenes welche welcher welches sein seine seinen seinem seiner ihr ihre ihren ihrem
ihrer unser unsere unseren euer eure mein meine meinen dein deine alle allen beide beiden viele vielen einige
mehrere jeder jede jedes jeden jedem im am zum zur beim vom ins ans aufs
zwei drei vier fünf sechs sieben acht neun zehn elf zwölf zwanzig dreißig vierzig fünfzig hundert tausend
halb anderthalb dutzende hunderte tausende"""
"""Words that stand before a German noun, never before a name: articles, possessives, quantifiers, and the
numbers written out ("neun Meter", "drei Prozent"), which mark a noun as digits do."""
_GERMAN_DETERMINERS = frozenset(_DETERMINERS.split())


def _word_before(segment: list[str], tokens: list[str]) -> str | None:
    """The trimmed word right before what is left of a segment ("Sein" in "Sein Spiegel", "Der" in "Der
    Spiegel des"), whatever was trimmed from its end."""
    if not tokens:
        return None
    for start in range(1, len(segment) - len(tokens) + 1):
        if segment[start : start + len(tokens)] == tokens:
            return segment[start - 1]
    return None


def _is_german_noun(tokens: list[str], lang: str, before: str | None) -> bool:
    """German capitalises every noun; an article before one word ("das All", "die Region", "Sein Spiegel") or a
    number ("6,5 Meter") marks a noun. People's names take no article; the organisations that do ("die Nasa")
    are the price of this rule, acronyms ("die EZB") and product-like names ("der Covid-19") excepted."""
    if lang not in NOUN_CAPITALISING_LANGUAGES or len(tokens) != 1 or before is None:
        return False
    word = tokens[0]
    if _is_acronym(word) or _looks_like_product(word) or _is_named_institution(word):
        return False
    return fold_case(before) in _GERMAN_DETERMINERS or before[-1:].isdigit()


def _is_named_institution(word: str) -> bool:
    """'das Max-Planck-Institut' names one institute. A compound of ordinary words ('der Touristik-Konzern')
    never gets here: ``_compound_parts`` made it a word that breaks names."""
    *modifiers, head = word.split("-")
    return bool(modifiers) and is_organisation_word(head)


def _segments(texts: list[str], lang: str) -> Iterator[tuple[list[str], str | None]]:
    """German: ordinary nouns split a run ('Reisekonzern Thomas Cook' → 'Thomas Cook'), except after a
    given name and a nobiliary particle ("Thomas de Maizière", "Ursula von der Leyen"). Each
    segment comes with the word of the run right before it ("Eine" before "Welle"), None for the first."""
    if lang not in NOUN_CAPITALISING_LANGUAGES:
        yield texts, None
        return
    segment: list[str] = []
    previous: str | None = None
    before_segment: str | None = None
    for text in texts:
        after_connector = bool(segment) and fold_case(segment[-1]) in CONNECTORS and is_given_name(segment[0])
        ordinary = _is_common(text, lang) and not is_institution_compound(text) and not after_connector
        if ordinary and fold_case(text) not in CONNECTORS:
            if segment:
                yield segment, before_segment
            segment = []
        else:
            if not segment:
                before_segment = previous
            segment.append(text)
        previous = text
    if segment:
        yield segment, before_segment


def _trim_start(
    tokens: list[str], lang: str, capitals_uninformative: bool, headline: bool = False, sentence_start: bool = False
) -> bool:
    word = tokens[0]
    if fold_case(word) in CONNECTORS or is_title(word) or _is_very_common(word, lang) or is_calendar_word(word):
        return True
    if not _is_vocabulary(word, lang, headline, sentence_start):
        return False
    if len(tokens) > 1 and is_given_name(word) and not is_organisation_word(word):
        return False
    if is_organisation_word(word) or (len(tokens) > 1 and any(is_organisation_word(w) for w in tokens[1:])):
        return lang in NOUN_CAPITALISING_LANGUAGES  # "Legislative Assembly of Bolivia" is one organisation
    if lang in NOUN_CAPITALISING_LANGUAGES or capitals_uninformative:
        return True
    return any(not _is_common(rest, lang) for rest in tokens[1:])


def _trim_end(tokens: list[str], lang: str, headline: bool) -> bool:
    word = tokens[-1]
    if fold_case(word) in CONNECTORS or is_title(word):
        return True
    if len(tokens) > 1 and is_given_name(tokens[-2]):
        return False  # Theresa May
    if is_calendar_word(word):
        return True
    if _is_very_common(word, lang):
        return True
    return headline and _is_vocabulary(word, lang, headline) and not is_organisation_word(word)


def _is_very_common(word: str, lang: str) -> bool:
    """Function words and the commonest English words, whatever the article's language ("The", "We")."""
    if _is_acronym(word):
        return False
    return is_common_in_english(word) or (is_common_word(word, lang) and len(word) <= 3 and word.isalpha())


def _is_capitalised_compound(word: str) -> bool:
    """'Notre-Dame', 'Saint-Denis', 'Trump-Kim': names joined by a hyphen, each part capitalised."""
    return "-" in word and all(part[:1].isupper() for part in word.split("-") if part)


def _is_common(word: str, lang: str) -> bool:
    if _is_acronym(word):
        return _is_common_acronym(word, lang)
    if _is_capitalised_compound(word):
        return False
    return is_common_word(word, lang)


def _is_junk(tokens: list[str], lang: str, headline: bool = False) -> bool:
    """A lone word that cannot be a name: a month, an English function word, a link code ("Nf1X3jn97x"); or
    words that name a street ("Istiklal Street") or a people ("North American")."""
    if _names_a_street_or_people(tokens, lang):
        return True
    if len(tokens) > 1:
        return False
    word = tokens[0]
    if is_calendar_word(word) or is_currency_word(word) or _ROMAN_NUMERAL.match(word):
        return True
    if _is_acronym(word) and word.isupper() and not (headline and _is_common_acronym(word, lang)):
        # "IS", "UN": kept for now, judged once the whole text is read (see _merge_mentions)
        return _is_shouted_word(word, lang)
    if is_common_in_english(word):
        return True
    ordinary = _is_vocabulary(word, lang, headline) or (lang != "en" and word.isascii() and _is_common(word, "en"))
    if ordinary and not (is_given_name(word) or is_family_name(word)):
        return True  # "Turkish", "Government", "Défense", "Committee": a capital alone does not make a name
    digits = sum(ch.isdigit() for ch in word)
    switches = sum(1 for a, b in itertools.pairwise(word) if a.isupper() != b.isupper() and a.isalpha())
    return len(word) >= 8 and digits >= 1 and switches >= 3


_MIN_SHOUTED_LETTERS = 5


def _is_shouted_word(word: str, lang: str) -> bool:
    """'MESAJI' in a line written in capitals: a word of the language, not an acronym; acronyms that long
    ("UNESCO", "NASDAQ") are written alike in every language, so they do not stand out as vocabulary."""
    return sum(ch.isalpha() for ch in word) >= _MIN_SHOUTED_LETTERS and is_common_word(word, lang)


_MAX_DEMONYM_PREFIX = 2


def _names_a_street_or_people(tokens: list[str] | tuple[str, ...], lang: str) -> bool:
    """'Istiklal Street', 'Friedrichstraße'; 'Libyans', 'North American' (a demonym, after at most two ordinary
    words and no connector: "Organização dos Estados Americanos" is an organisation)."""
    if is_street_name(tokens):
        return True
    *before, last = tokens
    return (
        len(before) <= _MAX_DEMONYM_PREFIX
        and _is_demonym(last)
        and all(_is_common(t, lang) and fold_case(t) not in CONNECTORS for t in before)
    )


def _is_demonym(word: str) -> bool:
    """'Libyans', 'Birmans', 'Deutsche', but not a person ('Romano') or a place ('Indiana') written alike."""
    return is_demonym(word) and not (is_given_name(word) or is_family_name(word) or is_place_name(word))


def _is_named_phrase(run: list[str], lang: str, starts_sentence: bool, headline: bool) -> bool:
    """Several capitalised ordinary words mid-sentence form a name ("European Central Bank")."""
    content = [w for w in run if fold_case(w) not in CONNECTORS]
    return (
        len(content) >= 2
        and not starts_sentence
        and not headline
        and lang not in NOUN_CAPITALISING_LANGUAGES
        and not any(is_title(w) or is_calendar_word(w) for w in content)
    )


def _strip_connectors(run: list[str]) -> tuple[str, ...]:
    tokens = list(run)
    while tokens and fold_case(tokens[0]) in CONNECTORS:
        tokens.pop(0)
    while tokens and fold_case(tokens[-1]) in CONNECTORS:
        tokens.pop()
    return tuple(tokens)


def _is_common_acronym(word: str, lang: str) -> bool:
    """Capitals that spell an everyday word of the language ("NE", "ПО", "CIUDAD"), not an organisation."""
    return zipf(fold_case(word), lang) >= _COMMON_ACRONYM_ZIPF


def _is_acronym(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return 2 <= len(letters) <= 6 and all(ch.isupper() for ch in letters)


_NAME_PREFIXES = re.compile(r"^(?:Mc|Mac|O'|O’|De|Di|Da|La|Le|Van|Von)(?=[A-Z])")


def _looks_like_product(word: str) -> bool:
    """'WannaCry', 'iPhone', 'Covid-19', 'WASP-96b': a capital right after a small letter, or digits, unlike
    people's names ("McDowall", "DiCaprio" and "al-Gaddafi" are names)."""
    if any(ch.isdigit() for ch in word):
        return True
    bare = _NAME_PREFIXES.sub("", word)
    return any(a.islower() and b.isupper() for a, b in itertools.pairwise(bare))


def _kind_of(span: _Span) -> EntityKind:
    tokens = span.tokens
    content = [t for t in tokens if fold_case(t) not in CONNECTORS]
    if span.all_common or any(is_organisation_word(t) or is_institution_compound(t) for t in tokens):
        return "organisation"
    if len(tokens) == 1 and _is_acronym(tokens[0]):
        return "organisation"
    if span.after_title:
        return "person"
    if len(content) > 1 and not is_given_name(content[0]) and all(is_common_word(t, span.lang) for t in content):
        return "organisation"  # "Islamic State", "European Central Bank": ordinary words naming a body
    if len(content) == 1:
        word = content[0]
        if is_given_name(word) or is_family_name(word):
            return "person"
        return "other" if _looks_like_product(word) else "organisation"
    if len(content) <= _MAX_PERSON_WORDS:
        if len(content) < len(tokens) and not is_given_name(tokens[0]):
            return "organisation"  # "Banco de la Nación", "Bank of England"
        if any(_looks_like_product(t) for t in content) and not is_given_name(content[0]):
            return "other"
        return "person"
    return "other"


def _cjk_spans(sentences: list[str], place_positions: set[tuple[int, int]]) -> Iterable[_Span]:
    for name in find_cjk_names(sentences, place_positions):
        yield _Span((name.text,), name.sentence, after_title=name.is_person)


def _merge_mentions(spans: list[_Span]) -> list[EntityMention]:
    """Fold spans into entities: a single word that is a known person's surname joins that person, and an
    abbreviation joins the long form it abbreviates ("GNA" and "Government of National Accord", "IS" and
    "Islamic State"), under the abbreviation, which other languages' reports often keep."""
    kinds = [_kind_of(span) for span in spans]
    surnames: dict[str, str] = {}
    for span, kind in zip(spans, kinds, strict=True):
        if kind == "person" and len(span.tokens) > 1:
            surnames.setdefault(token_key(span.tokens[-1]), " ".join(span.tokens))
    acronyms = {
        _bare_acronym(span.tokens[0]) for span in spans if len(span.tokens) == 1 and _is_acronym(span.tokens[0])
    }
    expanded = {_initials(span.tokens) for span in spans if len(span.tokens) > 1} & acronyms
    entities: dict[str, EntityMention] = {}
    for span, kind in zip(spans, kinds, strict=True):
        if (
            len(span.tokens) == 1
            and is_common_in_english(span.tokens[0])
            and _bare_acronym(span.tokens[0]) not in expanded
        ):
            continue  # "IS", "IT" with no long form in the text: an English word in capitals
        surname = token_key(span.tokens[-1])
        abbreviation = _initials(span.tokens)
        if len(span.tokens) > 1 and abbreviation in acronyms:
            key, kind = abbreviation, "organisation"
        elif kind == "person" or (len(span.tokens) == 1 and surname in surnames and kind != "other"):
            key, kind = surname, "person"
        elif len(span.tokens) == 1 and _is_acronym(span.tokens[0]):
            key = _bare_acronym(span.tokens[0])
        else:
            key = phrase_key(_without_trailing_organisation_words(span.tokens))
        if len(key) < _MIN_KEY_CHARS:
            continue
        surface = " ".join(span.tokens)
        mention = entities.get(key)
        if mention is None:
            name = surnames.get(surname, surface) if kind == "person" else surface
            entities[key] = EntityMention(key, name, kind, [surface], 1, span.sentence)
        else:
            mention.count += 1
            if kind == "person" and mention.kind != "person":
                mention.kind = "person"
            if len(span.tokens) > 1 and mention.name == key:
                mention.name, mention.kind = surface, kind  # the long form names an abbreviation best
            if surface not in mention.forms:
                mention.forms.append(surface)
    return sorted(entities.values(), key=lambda e: (-e.count, e.first_sentence))


def _bare_acronym(word: str) -> str:
    """'U.N.' and 'UN' are one abbreviation."""
    return "".join(ch for ch in word if ch.isalnum()).upper()


def _initials(tokens: tuple[str, ...]) -> str:
    """'Government of National Accord' → 'GNA' (connectors skipped)."""
    return "".join(t[0] for t in tokens if fold_case(t) not in CONNECTORS and t[:1].isupper()).upper()


def _without_trailing_organisation_words(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """'Nordhavn Bank' and a later 'Nordhavn' are one organisation: the distinctive words are the key."""
    kept = list(tokens)
    while len(kept) > 1 and is_organisation_word(kept[-1]):
        kept.pop()
    return tuple(kept)
