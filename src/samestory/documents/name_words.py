"""The small closed word classes that shape names: titles, connectors, organisation words, calendar words.

A capitalised run of words is a name only after these are dealt with: a title before a name says "this is
a person" and is not part of the name ("Milli Savunma Bakanı Hulusi Akar", "NASA Administrator Bill
Nelson"); a connector joins the parts of one name ("Bank of England", "Universidad de Chile"); an
organisation word makes the run an organisation ("Dow Jones Newswires", "Kaspersky Lab"); and a month or
weekday is never a name, whatever its case ("September", "Mai", "Jan"). These are closed classes, so a
list per language is the whole of them; open classes (nouns, first names) come from word frequencies and
name lists instead.
"""

from __future__ import annotations

import re
from functools import lru_cache

from samestory.documents.tokens import fold_case

_CONNECTORS = (
    "of for on de du des del della di da do dos das van von der den zu für bin ben bint ibn al el la le y и "
    "ao pour per pentru"
)
CONNECTORS = frozenset(_CONNECTORS.split())
"""Lower-case words that may join the capitalised parts of one name."""
JOINING_CONJUNCTIONS = frozenset({"and", "&", "und", "et", "y", "e", "и", "ve"})
"""Join two capitalised parts only when the name before them already has two words
("National Aeronautics and Space Administration"), never two single names ("Trump and Kim")."""

_TITLES = """
president vice prime minister chancellor king queen prince princess pope general commander secretary chief
ceo cfo coo cto chairman chairwoman chair director spokesman spokeswoman spokesperson governor mayor
senator congressman congresswoman representative ambassador envoy judge justice admiral marshal colonel
captain lieutenant sergeant major mr mrs ms dr prof professor sir lord lady premier emir sheikh imam
counselor counsellor
archbishop bishop cardinal father saint st gen lt col capt sgt gov sen rep pres vp administrator deputy
head founder cofounder co-founder executive analyst economist scientist researcher expert coach manager
striker goalkeeper midfielder defender referee captain presenter anchor correspondent reporter editor
author writer photographer leader boss owner investor billionaire mogul chef
präsident präsidentin vizepräsident kanzler kanzlerin bundeskanzler bundeskanzlerin ministerpräsident
ministerpräsidentin ministerin staatssekretär bürgermeister bürgermeisterin sprecher sprecherin herr frau
chefin trainer direktor direktorin vorsitzende vorsitzender gründer experte expertin ökonom ökonomin
analyst analystin volkswirt volkswirtin chefvolkswirt chefvolkswirtin forscher forscherin professorin
botschafter generalsekretär ex-präsident us-präsident
président présidente ministre porte-parole général roi reine directeur directrice secrétaire maire
sélectionneur entraîneur monsieur madame
presidente ministro ministra primer jefe jefa portavoz rey reina señor señora director directora
secretario secretaria alcalde alcaldesa entrenador seleccionador
presidente ministro primeiro-ministro porta-voz treinador prefeito
президент премьер министр генерал глава канцлер директор генсек генеральный секретарь спикер мэр
представитель пресс-секретарь губернатор посол председатель
cumhurbaşkanı bakan bakanı başkan başkanı başbakan sözcüsü sözcü genel müdür müdürü vali valisi teknik
direktör başkanvekili
prezydent premier minister rzecznik
preşedinte președintele ministrul premierul
predsjednik predsjednica ministar premijer sudac izbornik
"""
TITLES = frozenset(fold_case(word) for word in _TITLES.split())
"""Titles and roles that stand before a person's name, in the supported languages (folded case)."""
TITLE_PREFIXES = frozenset({"ex", "vize", "co", "ko", "anti", "pro", "neo", "alt"})
"""Prefixes written with a hyphen before a title or a party word ("Ex-Präsident", "Vize-Kanzler",
"Anti-Terror"): part of the word, never a name."""

_ORGANISATION_WORDS = """
bank banks force forces foundation institute institution university college school hospital museum
government ministry department council party army navy union organization organisation nations court
agency administration company corporation corp inc ltd llc plc ag gmbh sa nv spa group holding holdings fund reserve
office committee commission parliament congress senate assembly police league federation association
authority service services board bureau airways airlines airline motors systems technologies technology
lab labs laboratory laboratories software security securities capital partners energy oil gas telecom
network networks news press times post herald tribune journal gazette daily weekly magazine review radio
tv television broadcasting newswires wire telegraph media channel studio studios club team academy
centre center church ministry exchange market markets stiftung institut regierung ministerium partei rat
gericht konzern zentralbank bundesbank bundestag bundesrat behörde amt agentur zeitung tagblatt verlag
verband gewerkschaft hochschule universität fondation banque gouvernement ministère conseil parti armée
cour agence société assemblée journal fundación instituto banco gobierno ministerio consejo partido
ejército tribunal agencia diario periódico universidad asamblea comisión empresa fundação governo
ministério partido jornal universidade banca governo ministero partito agenzia università
банк правительство министерство совет партия армия суд агентство газета служба комитет фонд компания
университет институт
bankası bakanlığı meclisi partisi kurumu kurulu ajansı gazetesi üniversitesi şirketi holding derneği
vakfı
"""
ORGANISATION_WORDS = frozenset(fold_case(word) for word in _ORGANISATION_WORDS.split())
"""Words that make a name an organisation's ("Dow Jones Newswires", "Kaspersky Lab", "Merkez Bankası")."""

_GERMAN_STREET_WORDS = ("straße", "strasse", "platz", "allee", "gasse")
"""German writes them as the end of one word ("Friedrichstraße") as well as apart."""
_STREET_WORDS = """street avenue road square boulevard lane rue place avenida calle plaza paseo via viale piazza rua
praça улица проспект площадь caddesi sokak bulvarı meydanı ulica aleja strada bulevardul trg"""
STREET_WORDS = frozenset(fold_case(word) for word in (*_STREET_WORDS.split(), *_GERMAN_STREET_WORDS))
"""Words that end the name of a street or square ("Istiklal Street", "Friedrichstraße"): an address, no
person or organisation."""

_HOLIDAYS = """Easter Christmas Ramadan Eid Ostern Weihnachten Pfingsten Pâques Noël Pascua Navidad Pasqua Natale
Páscoa Natal Wielkanoc Пасха Рождество Bayram Ramazan Kurban Paște Crăciun Uskrs Božić"""
_TIME_ZONE_NAMES = "UTC GMT CET CEST EET EEST WET BST ET EST EDT CT CST CDT MT MST PT PST PDT MSK"
_TIME_ZONES = frozenset(fold_case(zone) for zone in _TIME_ZONE_NAMES.split())
"""Time zones follow clock times ("9:00 ET"); they are no organisations."""

_CURRENCY_WORDS = (
    "dollar dollars euro euros pound pounds yen yuan renminbi rouble roubles ruble rubles lira liras dólar dólares"
)

INSTITUTION_PREFIXES = ("bundes", "landes", "staats", "reichs")
"""German compounds of these with an institution word name one body ("Bundesinnenministerium",
"Bundeskriminalamt"); other compounds of that word are generic ("Flugbehörde")."""


def _bare(word: str) -> str:
    """Without a trailing full stop or a case ending after an apostrophe ("Bankası'nın" → "bankası")."""
    return fold_case(re.split(r"['’]", word.rstrip("."), maxsplit=1)[0])


_COMPOUND_TITLE_MIN = 6


@lru_cache(maxsize=100_000)
def is_title(word: str) -> bool:
    """A title, also at the end of a German compound ("Finanzminister", "Chefvolkswirtin")."""
    bare = _bare(word)
    if bare in TITLES:
        return True
    return len(bare) > _COMPOUND_TITLE_MIN and any(
        bare[-length:] in _compound_titles() for length in range(_COMPOUND_TITLE_MIN, len(bare))
    )


@lru_cache(maxsize=1)
def _compound_titles() -> frozenset[str]:
    return frozenset(t for t in TITLES if len(t) >= _COMPOUND_TITLE_MIN and t.isalpha())


@lru_cache(maxsize=100_000)
def is_organisation_word(word: str) -> bool:
    return _bare(word) in ORGANISATION_WORDS


def is_institution_compound(word: str) -> bool:
    """'Bundesinnenministeriums' (a federal body) but not 'Flugbehörde' (any aviation authority)."""
    folded = fold_case(word)
    if not folded.startswith(INSTITUTION_PREFIXES):
        return False
    return any(part in folded for part in ("ministeri", "amt", "bank", "gericht", "tag", "rat", "agentur", "behörde"))


@lru_cache(maxsize=1)
def calendar_words() -> frozenset[str]:
    """Month and weekday names (and their abbreviations) in every language the date finder reads."""
    from samestory.documents.dates import MONTH_NAMES, RELATIVE_DAYS, WEEKDAY_NAMES

    words = {fold_case(name) for names in (*MONTH_NAMES.values(), *WEEKDAY_NAMES.values()) for name in names}
    relative = {fold_case(word) for word in RELATIVE_DAYS}
    return frozenset(words | _TIME_ZONES | relative | {fold_case(word) for word in _HOLIDAYS.split()})


@lru_cache(maxsize=1)
def currency_words() -> frozenset[str]:
    """Currency names (ISO 4217 via pycountry, and the words news uses): "Dollar", "Euro", "Lira" are no names."""
    import pycountry

    words = {fold_case(currency.name.split()[-1]) for currency in pycountry.currencies if currency.name[:1].isalpha()}
    return frozenset(words | {fold_case(word) for word in _CURRENCY_WORDS.split()})


def is_currency_word(word: str) -> bool:
    return fold_case(word) in currency_words()


def is_street_name(tokens: tuple[str, ...] | list[str]) -> bool:
    """'Istiklal Street', 'Place de la Concorde' is ambiguous and left alone; 'Friedrichstraße' is one word."""
    last = fold_case(tokens[-1])
    if len(tokens) > 1 and last in STREET_WORDS and last != "place":
        return True
    return len(last) > 8 and last.endswith(_GERMAN_STREET_WORDS)


def is_calendar_word(word: str) -> bool:
    return fold_case(word.rstrip(".")) in calendar_words()
