"""Language-independent keys for names: "Chalifa Haftar", "Khalifa Haftar", "Хафтар" and "حفتر" meet.

A key is the name transliterated to ASCII, with the spelling conventions that differ between
languages folded together (German "dsch" and English "j", "Ch"/"Kh"/"H", doubled letters, Arabic
article prefixes). The consonant skeleton is a coarser key for scripts that write no vowels.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import fuzz

_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|ash|as|at|az|ar|an|ul|ol)[-‐‑'’ ]+(?=\w{3})", re.IGNORECASE)
_CYRILLIC_CASE_ENDING = re.compile(r"(?<=[бвгджзклмнпрстфхцчшщ])(?:ом|ем|у|ю|а|я|е|ой|ей)$")
_FOLDS: tuple[tuple[str, str], ...] = (
    ("dsch", "j"), ("tsch", "ch"), ("sch", "sh"), ("dzh", "j"), ("zh", "j"), ("dj", "j"), ("dz", "j"),
    ("kh", "h"), ("ch", "h"), ("gh", "g"), ("ph", "f"), ("th", "t"), ("ck", "k"), ("qu", "k"),
    ("ou", "u"), ("oo", "u"), ("ee", "i"), ("ie", "i"), ("ey", "i"), ("ei", "ai"),
    ("y", "i"), ("w", "v"), ("c", "k"), ("q", "k"), ("x", "ks"),
)  # fmt: skip
_NON_LETTERS = re.compile(r"[^a-z]")
_DOUBLES = re.compile(r"(.)\1+")
_VOWELS = re.compile(r"[aeiou]")
FUZZY_MATCH_SCORE = 80.0
"""Ratio above which two keys are one name: "sisi"/"sissi" and "trump"/"tramp" pass, "trump"/"truss" fails."""


@lru_cache(maxsize=100_000)
def token_key(token: str) -> str:
    """Key of one name token (a surname, a place name word)."""
    token = _ARTICLE_PREFIX.sub("", token.strip())
    token = re.split(r"['’](?=\w{1,3}$)", token)[0]  # Haftar's, Erdoğan'ın
    if re.search(r"[\u0400-\u04ff]", token) and len(token) > 4:
        token = _CYRILLIC_CASE_ENDING.sub("", token.lower())
    ascii_form = anyascii(token).lower()
    ascii_form = _NON_LETTERS.sub("", ascii_form)
    for source, target in _FOLDS:
        ascii_form = ascii_form.replace(source, target)
    ascii_form = _DOUBLES.sub(r"\1", ascii_form)
    if len(ascii_form) > 3 and ascii_form.endswith("h"):
        ascii_form = ascii_form[:-1]
    return ascii_form


def phrase_key(tokens: list[str] | tuple[str, ...]) -> str:
    return " ".join(k for k in (token_key(t) for t in tokens) if k)


def skeleton(key: str) -> str:
    """Consonants only: what Arabic and Hebrew script keep of a name."""
    return _VOWELS.sub("", key.replace(" ", ""))


def keys_match(a: str, b: str) -> bool:
    """Whether two keys name the same thing despite transliteration differences."""
    if a == b:
        return True
    if not a or not b or (a[0] != b[0] and skeleton(a)[:1] != skeleton(b)[:1]):
        return False
    if min(len(a), len(b)) >= 4 and fuzz.ratio(a, b) >= FUZZY_MATCH_SCORE:
        return True
    vowelless = not _VOWELS.search(a) or not _VOWELS.search(b)
    return vowelless and len(skeleton(a)) >= 3 and skeleton(a) == skeleton(b)
