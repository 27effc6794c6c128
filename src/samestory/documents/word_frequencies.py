"""wordfreq's Zipf frequencies from compact tables that load in milliseconds.

wordfreq turns each language's list into a Python dict of several hundred thousand words on first use
(about 0.3 s per language); telling names from vocabulary consults eight reference languages, so every
process paid two to three seconds before its first article. Here each language's list becomes two numpy
arrays (a sorted 64-bit hash per word and the word's centibel band), kept in the table cache. A lookup
tokenises the word with wordfreq's own tokenizer and combines the bands exactly as
``wordfreq.zipf_frequency`` does, so the values are the same.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from samestory.documents.packed_lookup import stable_hash
from samestory.documents.table_cache import cached_table

_MINIMUM_FREQUENCY = 1e-9
"""Zipf 0, wordfreq's floor for an unknown word."""


@dataclass(frozen=True)
class FrequencyTable:
    """One language's word list: sorted word hashes and each word's band (centibels below frequency 1)."""

    hashes: np.ndarray
    bands: np.ndarray

    def band(self, token: str) -> int | None:
        key = np.uint64(stable_hash(token))
        where = int(np.searchsorted(self.hashes, key))
        if where < len(self.hashes) and self.hashes[where] == key:
            return int(self.bands[where])
        return None


def zipf_frequency(word: str, lang: str) -> float:
    """As ``wordfreq.zipf_frequency(word, lang)``, for a language wordfreq lists."""
    from wordfreq import tokens as wordfreq_tokens
    from wordfreq.language_info import get_language_info
    from wordfreq.numbers import digit_freq, smash_numbers

    found = wordfreq_tokens.lossy_tokenize(word, lang)
    if not found:
        return 0.0
    table = frequency_table(lang)
    one_over_result = 0.0
    for token in found:
        smashed = smash_numbers(token)
        band = table.band(smashed)
        if band is None:
            return 0.0
        frequency = 10 ** (-band / 100)
        if smashed != token:
            frequency *= digit_freq(token)
        one_over_result += 1.0 / frequency
    frequency = 1.0 / one_over_result
    if get_language_info(lang)["tokenizer"] == "jieba":
        from wordfreq import INFERRED_SPACE_FACTOR

        frequency *= INFERRED_SPACE_FACTOR ** -(len(found) - 1)
    frequency = max(frequency, _MINIMUM_FREQUENCY)
    frequency = round(frequency, math.floor(-math.log(frequency, 10)) + 3)
    return round(math.log(frequency, 10) + 9, 2)


@lru_cache(maxsize=64)
def frequency_table(lang: str) -> FrequencyTable:
    return cached_table(f"wordfreq-{lang}", lambda: _build_table(lang))


def _build_table(lang: str) -> FrequencyTable:
    from wordfreq import get_frequency_list

    bands = {word: band for band, bucket in enumerate(get_frequency_list(lang)) for word in bucket}
    hash_array = np.fromiter((stable_hash(word) for word in bands), dtype=np.uint64, count=len(bands))
    order = np.argsort(hash_array)
    return FrequencyTable(hash_array[order], np.fromiter(bands.values(), dtype=np.uint16, count=len(bands))[order])
