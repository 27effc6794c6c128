"""The rare words of a report, weighted by how unusual they are in its language, with no corpus.

Two reports of one happening share its specific vocabulary: names, places, numbers and the rare words of
what happened ("respiradores", "fidye", "غواصة"). Embeddings blur exactly these. A word's weight is its
surprise in its own language, 7.5 minus its Zipf frequency (wordfreq's frequency tables for 40 languages
stand in for a document collection we do not have), so "the", "und" and "dijo" weigh little and a name
weighs most. Words are cut to their first five letters, so inflections meet ("Libya'da"/"Libya",
"incendio"/"incendios"); CJK text, written without spaces, contributes overlapping character pairs.

Only the ``MAX_TERMS`` heaviest terms are kept, as sorted 32-bit hashes with unit-normalised weights: a
compact vector that the store keeps as it is, so a stored article and a fresh one compare identically
(measured on the SemEval pairs: cosine over the top 128 terms correlates with Overall as the full
vocabulary does, 0.734 vs 0.735).
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from samestory.documents.tokens import fold_case

STEM_CHARS = 5
MAX_TERMS = 128
MAX_SURPRISE = 7.5
"""Zipf frequency runs from ~0 (unseen) to ~8 ("the"); a word unseen in the language weighs 7.5."""
MIN_WEIGHT = 0.3
"""Even the commonest word keeps a little weight: in a language wordfreq does not know, all words are equal."""
_WORD = re.compile(r"[^\W_]+")
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+")


@dataclass(frozen=True, slots=True)
class TermVector:
    """Hashed stems (sorted, unique) and their unit-normalised weights."""

    ids: np.ndarray
    weights: np.ndarray

    def cosine(self, other: TermVector) -> float:
        if not len(self.ids) or not len(other.ids):
            return 0.0
        _, mine, theirs = np.intersect1d(self.ids, other.ids, assume_unique=True, return_indices=True)
        return float(np.dot(self.weights[mine].astype(np.float64), other.weights[theirs].astype(np.float64)))

    @classmethod
    def empty(cls) -> TermVector:
        return cls(np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=np.float16))

    def to_bytes(self) -> bytes:
        """Ids then weights: 6 bytes a term, at most 768 bytes an article."""
        return self.ids.astype("<u4").tobytes() + self.weights.astype("<f2").tobytes()

    @classmethod
    def from_bytes(cls, blob: bytes | None) -> TermVector:
        if not blob:
            return cls.empty()
        count = len(blob) // 6
        ids = np.frombuffer(blob, dtype="<u4", count=count).astype(np.uint32)
        weights = np.frombuffer(blob, dtype="<f2", count=count, offset=4 * count).astype(np.float16)
        return cls(ids, weights)


def term_cosines(query: TermVector, others: Sequence[TermVector]) -> np.ndarray:
    """``query.cosine(other)`` for each of ``others`` with a few array operations for all of them: the story
    engine compares every new article with dozens of stored ones."""
    result = np.zeros(len(others), dtype=np.float64)
    if not len(query.ids) or not others:
        return result
    ids = np.concatenate([other.ids for other in others])
    weights = np.concatenate([other.weights for other in others]).astype(np.float64)
    owner = np.repeat(np.arange(len(others)), [len(other.ids) for other in others])
    position = np.minimum(np.searchsorted(query.ids, ids), len(query.ids) - 1)
    shared = query.ids[position] == ids
    products = query.weights[position[shared]].astype(np.float64) * weights[shared]
    result += np.bincount(owner[shared], weights=products, minlength=len(others))
    return result


def term_vector(text: str, lang: str) -> TermVector:
    """The weighted stems of ``text`` (title and body), heaviest ``MAX_TERMS`` kept."""
    totals: dict[str, float] = {}
    for word, count in Counter(_WORD.findall(fold_case(text))).items():
        for stem, piece in _pieces(word):
            totals[stem] = totals.get(stem, 0.0) + count * surprise(piece, lang)
    if not totals:
        return TermVector.empty()
    heaviest = sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:MAX_TERMS]
    by_id: dict[int, float] = {}
    for stem, weight in heaviest:
        key = zlib.crc32(stem.encode("utf-8"))
        by_id[key] = by_id.get(key, 0.0) + weight
    ids = np.fromiter(sorted(by_id), dtype=np.uint32, count=len(by_id))
    weights = np.array([by_id[int(i)] for i in ids], dtype=np.float64)
    weights /= np.linalg.norm(weights)
    return TermVector(ids, weights.astype(np.float16))


def _pieces(word: str) -> list[tuple[str, str]]:
    """(stem, word) of a folded word: its first letters, or the overlapping character pairs of CJK text."""
    if _CJK_RUN.fullmatch(word):
        return [(word[i : i + 2], word[i : i + 2]) for i in range(max(1, len(word) - 1))]
    return [(word[:STEM_CHARS], word)]


@lru_cache(maxsize=300_000)
def surprise(word: str, lang: str) -> float:
    """How unusual a word is in its language: MAX_SURPRISE minus its Zipf frequency, at least MIN_WEIGHT."""
    from samestory.documents.vocabulary import zipf

    return max(MIN_WEIGHT, MAX_SURPRISE - zipf(word, lang))
