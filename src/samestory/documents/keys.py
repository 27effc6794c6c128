"""Language-independent keys for names: "Chalifa Haftar", "Khalifa Haftar", "Хафтар" and "حفتر" meet.

A key is the name transliterated to ASCII, with the spelling conventions that differ between
languages folded together (German "dsch" and English "j", "Ch"/"Kh"/"H", doubled letters, Arabic
article prefixes). The consonant skeleton is a coarser key for scripts that write no vowels.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from anyascii import anyascii
from rapidfuzz import fuzz, process

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


@lru_cache(maxsize=100_000)
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


def keys_match_matrix(a: Sequence[str], b: Sequence[str]) -> np.ndarray:
    """``keys_match`` for every pair of two key lists at once, as a boolean (len(a), len(b)) matrix.

    The story engine compares each new article with dozens of stored ones, each naming ~20 people and
    organisations: pairwise Python calls were most of its time; rapidfuzz's ``cdist`` does the ratios in C.
    """
    if not a or not b:
        return np.zeros((len(a), len(b)), dtype=bool)
    ratio = process.cdist(a, b, scorer=fuzz.ratio, score_cutoff=FUZZY_MATCH_SCORE, dtype=np.float32)
    a_info, b_info = _KeyInfo(a), _KeyInfo(b)
    same_start = (a_info.first[:, None] == b_info.first[None, :]) | (
        a_info.skeleton_first[:, None] == b_info.skeleton_first[None, :]
    )
    long_enough = np.minimum(a_info.length[:, None], b_info.length[None, :]) >= 4
    fuzzy = long_enough & (ratio >= FUZZY_MATCH_SCORE)
    vowelless = ~a_info.has_vowel[:, None] | ~b_info.has_vowel[None, :]
    skeletons = (a_info.skeleton[:, None] == b_info.skeleton[None, :]) & (a_info.skeleton_length[:, None] >= 3)
    nonempty = (a_info.length[:, None] > 0) & (b_info.length[None, :] > 0)
    exact = np.asarray(a, dtype=object)[:, None] == np.asarray(b, dtype=object)[None, :]
    return exact | (nonempty & same_start & (fuzzy | (vowelless & skeletons)))


class KeyMatchTable:
    """``keys_match_matrix`` of one side's keys against the keys of many documents, computed once.

    One article is compared with dozens of stored ones in a batch: its names would otherwise be prepared and
    matched anew for each, and the stored names that recur across one story's members once per member. Any
    sub-matrix equals ``keys_match_matrix`` of those keys (the test is element-wise).
    """

    def __init__(self, a: Sequence[str], b: Sequence[str]) -> None:
        self._rows = {key: row for row, key in enumerate(dict.fromkeys(a))}
        self._columns = {key: column for column, key in enumerate(dict.fromkeys(b))}
        self._matrix = keys_match_matrix(list(self._rows), list(self._columns))

    def __call__(self, a: Sequence[str], b: Sequence[str]) -> np.ndarray:
        """The matrix for keys of ``a`` and ``b`` given at construction (a ``KeyError`` names one that was not)."""
        return self._matrix[np.ix_([self._rows[k] for k in a], [self._columns[k] for k in b])]


class _KeyInfo:
    """Per-key facts ``keys_match`` looks at, as arrays."""

    def __init__(self, keys: Sequence[str]) -> None:
        skeletons = [skeleton(k) for k in keys]
        self.first = np.array([k[:1] for k in keys], dtype=object)
        self.skeleton = np.array(skeletons, dtype=object)
        self.skeleton_first = np.array([s[:1] for s in skeletons], dtype=object)
        self.length = np.array([len(k) for k in keys])
        self.skeleton_length = np.array([len(s) for s in skeletons])
        self.has_vowel = np.array([bool(_VOWELS.search(k)) for k in keys])
