"""Near-duplicates (syndicated wire copies, republished pages) by MinHash LSH over word shingles.

Signatures are kept in SQLite, so the LSH table, which lives in memory, is rebuilt on open instead of
being trusted from a file that a crash could leave half-written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from datasketch import MinHash

NUM_PERM = 128
SHINGLE_WORDS = 4
THRESHOLD = 0.8
"""Estimated Jaccard similarity of shingle sets above which two texts are copies of one another."""
_WORD = re.compile(r"\w+", re.UNICODE)
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
_CHAR_GRAM = 3


def shingles(text: str) -> list[bytes]:
    """Overlapping word n-grams; character n-grams for scripts written without spaces (Chinese, Thai)."""
    normalised = unicodedata.normalize("NFKC", text).lower()
    words = _WORD.findall(normalised)
    if _UNSPACED.search(normalised):
        joined = "".join(words)
        grams = [joined[i : i + _CHAR_GRAM] for i in range(max(1, len(joined) - _CHAR_GRAM + 1))]
    elif len(words) <= SHINGLE_WORDS:
        grams = [" ".join(words)]
    else:
        grams = [" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)]
    return [g.encode("utf-8") for g in dict.fromkeys(grams)]


def signature(text: str) -> np.ndarray:
    """MinHash signature (uint32, ``NUM_PERM`` values) of a text's shingles."""
    minhash = _template().copy()
    minhash.update_batch(shingles(text))
    return minhash.hashvalues.astype(np.uint32)


def estimated_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(a == b))


SignatureSource = Callable[[list[int]], dict[int, np.ndarray]]
"""Gives the stored signatures of some keys (the store reads them from SQLite)."""


class NearDuplicateIndex:
    """LSH buckets of stored signatures; ``find`` returns the earliest stored copy of a text, if any.

    Only the buckets live in memory; the few candidates a query returns are confirmed with signatures
    fetched from ``signatures_for`` (or kept here when no source is given, as in tests).
    """

    def __init__(self, signatures_for: SignatureSource | None = None, threshold: float = THRESHOLD) -> None:
        from datasketch import MinHashLSH

        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._source = signatures_for
        self._kept: dict[int, np.ndarray] = {}
        self._keys: set[int] = set()

    def __len__(self) -> int:
        return len(self._keys)

    def insert_many(self, items: Iterable[tuple[int, np.ndarray]]) -> None:
        with self._lsh.insertion_session() as session:
            for key, values in items:
                if key not in self._keys:
                    session.insert(key, _minhash(values), check_duplication=False)
                    self._keys.add(key)
                    if self._source is None:
                        self._kept[key] = values

    def insert(self, key: int, values: np.ndarray) -> None:
        self.insert_many([(key, values)])

    def find(self, values: np.ndarray) -> int | None:
        """The smallest key whose signature agrees with ``values`` on at least ``threshold`` of positions."""
        candidates = sorted(int(k) for k in self._lsh.query(_minhash(values)))
        if not candidates:
            return None
        stored = self._kept if self._source is None else self._source(candidates)
        for key in candidates:
            if key in stored and estimated_jaccard(stored[key], values) >= self.threshold:
                return key
        return None


def _minhash(values: np.ndarray) -> MinHash:
    """A MinHash carrying stored values (copied from a template: works with datasketch 1.x and 2.x)."""
    minhash = _template().copy()
    minhash.hashvalues = values.astype(np.uint64)
    return minhash


@lru_cache(maxsize=1)
def _template() -> MinHash:
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1)


def scheme() -> str:
    """What produced the signatures; stored with them so signatures of another scheme are never mixed."""
    return f"{getattr(_template(), 'scheme', 'legacy')}/{NUM_PERM}/{SHINGLE_WORDS}"
