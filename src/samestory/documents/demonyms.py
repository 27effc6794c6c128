"""Words for a country's people or things ("Libyans", "Birmans", "Deutsche", "Egyptian"): no names.

A capitalised demonym looks like a name in every language, and English capitalises it mid-sentence. It is
a country's name cut short and given one of a small, closed set of endings ("Liby|ans" from "Libya",
"Birman|s" from "Birmanie", "Deutsch|e" from "Deutschland"), so it is recognised from the gazetteer's
country names in every language it knows and those endings, with no list of demonyms to keep.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from samestory.documents.table_cache import cached_table
from samestory.documents.tokens import fold_case

_ENDINGS = """n an ans ian ians ns ish ese i is ic ics
ais aise aises ois oise oises ien ienne iens iennes ain aine ains aines s
e en er ern isch ische ischen sche schen scher
o a os as ano ana anos anas ese esi és esa eses eño eña eños eñas
ец цы ка ки ский ская ские ского
li lı lar ler"""
ENDINGS = frozenset(_ENDINGS.split())
"""Demonym endings of the supported languages, after the part of the country's name they keep."""
_MIN_STEM = 4
"""'Liby' of 'Libya': shorter shared beginnings ("Dan" of "Danmark") match too many words."""


@lru_cache(maxsize=20_000)
def is_demonym(word: str) -> bool:
    folded = fold_case(word)
    stems = _country_stems()
    for cut in range(_MIN_STEM, len(folded)):
        stem, ending = folded[:cut], folded[cut:]
        if ending not in ENDINGS:
            continue
        if stem in (stems.whole if len(ending) == 1 else stems.beginnings):
            return True
    return False


@dataclass(frozen=True, slots=True)
class CountryStems:
    beginnings: frozenset[str]
    """Every beginning of four letters or more of a one-word country name ("liby" + "ans")."""
    whole: frozenset[str]
    """The names, and the names less a final vowel: a one-letter ending needs all of it ("Israel" + "i",
    "America" + "n"), or "Mess" + "i" (from "Messico") would be a demonym."""


@lru_cache(maxsize=1)
def _country_stems() -> CountryStems:
    return cached_table("country-stems", _build_country_stems)


def _build_country_stems() -> CountryStems:
    from samestory.documents.gazetteer import country_forms

    beginnings: set[str] = set()
    whole: set[str] = set()
    for name in country_forms():
        folded = fold_case(name)
        if folded.isalpha():
            beginnings.update(folded[:cut] for cut in range(_MIN_STEM, len(folded) + 1))
            whole.add(folded)
            if folded[-1] in _VOWELS:
                whole.add(folded[:-1])
    return CountryStems(frozenset(beginnings), frozenset(whole))


_VOWELS = frozenset("aeiouyаеиоуыяю")
