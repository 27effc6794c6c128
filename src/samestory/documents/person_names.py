"""Given names and family names in 80 locales, to tell people from organisations and from ordinary words.

"Kylian", "Recep", "Илья" and "محمد" are given names; "Morales" and "Kowalski" family names. A capitalised
run that starts with a given name is a person ("Carlos Mesa", not the city of Mesa); a lone capitalised
word that is a known given or family name is a person rather than an organisation. The lists come from
Faker's person providers (MIT licence, maintained, 80 locales in their own scripts), read once and kept
as two sets of folded names.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable
from functools import lru_cache

from samestory.documents.table_cache import cached_table
from samestory.documents.tokens import fold_case

_GIVEN_ATTRIBUTES = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")
_FAMILY_ATTRIBUTES = ("last_names", "last_names_male", "last_names_female")


@lru_cache(maxsize=1)
def _name_sets() -> tuple[frozenset[str], frozenset[str]]:
    return cached_table("person-names", _read_name_sets)


def _read_name_sets() -> tuple[frozenset[str], frozenset[str]]:
    given: set[str] = set()
    family: set[str] = set()
    try:
        import faker.providers.person as providers
    except ImportError:  # a declared dependency; without it, names are told apart by their form alone
        return frozenset(), frozenset()
    for module in pkgutil.iter_modules(providers.__path__):
        provider = importlib.import_module(f"{providers.__name__}.{module.name}").Provider
        for attribute in _GIVEN_ATTRIBUTES:
            given.update(_names(getattr(provider, attribute, None)))
        for attribute in _FAMILY_ATTRIBUTES:
            family.update(_names(getattr(provider, attribute, None)))
    return frozenset(given), frozenset(family)


def _names(value: object) -> Iterable[str]:
    if isinstance(value, dict):
        value = value.keys()
    if not isinstance(value, (list, tuple, set, frozenset, type({}.keys()))):
        return ()
    return (fold_case(name) for name in value if isinstance(name, str) and len(name) > 1)


def is_given_name(word: str) -> bool:
    return fold_case(word) in _name_sets()[0]


def is_family_name(word: str) -> bool:
    return fold_case(word) in _name_sets()[1]
