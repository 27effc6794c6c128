"""Near-duplicates (syndicated wire copies, republished pages) by MinHash LSH over word shingles.

Signatures and their LSH band buckets are rows of the story store's SQLite file, written with the article
they belong to: the index costs no memory that grows with the store, and a crash cannot leave it out of step.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

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


SIGNATURE_BITS = 16
"""Each MinHash value is kept to its lowest 16 bits (b-bit minwise hashing, Li and König, WWW 2010): 256 bytes
a signature instead of 512. Two different values agree by chance once in 65,536, which moves an estimated
Jaccard similarity by less than the 1/128 one position is worth."""


def signature(text: str) -> np.ndarray:
    """MinHash signature (``NUM_PERM`` values of ``SIGNATURE_BITS`` bits, uint16) of a text's shingles."""
    minhash = _template().copy()
    minhash.update_batch(shingles(text))
    return (minhash.hashvalues & 0xFFFF).astype(np.uint16)


def signature_from_bytes(blob: bytes) -> np.ndarray:
    """A stored signature. Stores written before ``SIGNATURE_BITS`` hold 32-bit values: cut to the same low 16
    bits, they are exactly the signatures this version makes (no need to recompute them from the texts)."""
    if len(blob) == 4 * NUM_PERM:
        return np.frombuffer(blob, dtype="<u4").astype(np.uint16)
    return np.frombuffer(blob, dtype="<u2").astype(np.uint16)


def estimated_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(a == b))


BANDS = 9
ROWS_PER_BAND = 13
"""The LSH layout for ``THRESHOLD`` and ``NUM_PERM``: datasketch's optimum (equal weights on false positives
and false negatives) for 0.8 and 128 permutations, checked by a test against ``MinHashLSH``."""


def band_buckets(values: np.ndarray) -> list[tuple[int, int]]:
    """(band, bucket) of each band of a signature: two signatures that agree on all rows of a band share it."""
    rows = np.ascontiguousarray(values, dtype="<u2")
    buckets = []
    for band in range(BANDS):
        chunk = rows[band * ROWS_PER_BAND : (band + 1) * ROWS_PER_BAND].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8).digest()
        buckets.append((band, int.from_bytes(digest, "little", signed=True)))
    return buckets


class BucketStorage(Protocol):
    """Where the band buckets live: the story store keeps them in SQLite, ``MemoryBuckets`` in a dict."""

    def add_buckets(self, rows: list[tuple[int, int, int]], signatures: dict[int, np.ndarray]) -> None:
        """Store (band, bucket, key) rows; ``signatures`` are the keys' own, for a storage that does not hold
        them already (the story store has them in its article rows)."""

    def keys_in_buckets(self, buckets: list[tuple[int, int]]) -> list[int]:
        """Keys stored under any of these (band, bucket) pairs."""

    def signatures(self, keys: list[int]) -> dict[int, np.ndarray]:
        """Stored signatures of some keys."""


class MemoryBuckets:
    """Buckets and signatures in memory: for tests and for stores that cannot be written."""

    def __init__(self) -> None:
        self._buckets: dict[tuple[int, int], list[int]] = defaultdict(list)
        self._signatures: dict[int, np.ndarray] = {}

    def add_buckets(self, rows: list[tuple[int, int, int]], signatures: dict[int, np.ndarray]) -> None:
        for band, bucket, key in rows:
            self._buckets[(band, bucket)].append(key)
        self._signatures.update(signatures)

    def keys_in_buckets(self, buckets: list[tuple[int, int]]) -> list[int]:
        return [key for pair in buckets for key in self._buckets.get(pair, ())]

    def signatures(self, keys: list[int]) -> dict[int, np.ndarray]:
        return {key: self._signatures[key] for key in keys if key in self._signatures}


class NearDuplicateIndex:
    """Banded MinHash LSH over a bucket storage; ``find`` returns the earliest stored copy of a text, if any.

    Nothing grows in memory with the store: a lookup reads the keys of the signature's nine buckets and
    confirms the few candidates against their stored signatures. In the story store both are SQLite rows,
    written in the same transaction as the article, so the index is never out of step with the articles.
    """

    def __init__(self, storage: BucketStorage | None = None) -> None:
        self._storage: BucketStorage = storage if storage is not None else MemoryBuckets()

    def insert_many(self, items: Iterable[tuple[int, np.ndarray]]) -> None:
        signatures = {key: _bits(values) for key, values in items}
        rows = [(band, bucket, key) for key, values in signatures.items() for band, bucket in band_buckets(values)]
        self._storage.add_buckets(rows, signatures)

    def insert(self, key: int, values: np.ndarray) -> None:
        self.insert_many([(key, values)])

    def find(self, values: np.ndarray) -> int | None:
        """The smallest key whose signature agrees with ``values`` on at least ``threshold`` of positions."""
        copies = self.copies(values)
        return copies[0] if copies else None

    def copies(self, values: np.ndarray) -> list[int]:
        """Every key whose signature agrees with ``values`` on at least ``threshold`` of positions, in order."""
        values = _bits(values)
        candidates = sorted(set(self._storage.keys_in_buckets(band_buckets(values))))
        if not candidates:
            return []
        stored = self._storage.signatures(candidates)
        return [key for key in candidates if key in stored and estimated_jaccard(stored[key], values) >= THRESHOLD]


def _bits(values: np.ndarray) -> np.ndarray:
    """A signature as this version keeps it (32-bit values from elsewhere cut to their ``SIGNATURE_BITS``)."""
    return np.asarray(values).astype(np.uint16)


@lru_cache(maxsize=1)
def _template() -> MinHash:
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1)


def scheme() -> str:
    """What produced the signatures; stored with them so signatures of another scheme are never mixed."""
    return f"{getattr(_template(), 'scheme', 'legacy')}/{NUM_PERM}/{SHINGLE_WORDS}"


def band_scheme() -> str:
    """How signatures are cut into buckets; a store whose buckets were cut otherwise refills them."""
    return f"{BANDS}x{ROWS_PER_BAND}/b{SIGNATURE_BITS}/blake2b-8"
