"""Near-duplicate detection: wire copies match, different reports of one story do not."""

from __future__ import annotations

import numpy as np

from samestory.stories.neardup import (
    BANDS,
    NUM_PERM,
    ROWS_PER_BAND,
    THRESHOLD,
    NearDuplicateIndex,
    band_buckets,
    estimated_jaccard,
    shingles,
    signature,
    signature_from_bytes,
)

WIRE = (
    "Dock workers in Lisbon walked out on Tuesday, halting the port operated by Valdor Holdings. The union "
    "led by Mira Tolen demands a raise of twelve percent. Ships queued outside the harbour as cranes stood "
    "still, and the operator said the strike would cost millions a day."
)
OTHER_REPORT = (
    "Lisbon's harbour came to a standstill when thousands of port workers went on strike over pay; Valdor "
    "Holdings, which runs the port, called the walkout unlawful and asked a court to end it."
)


def test_a_reprint_with_another_header_is_a_near_duplicate() -> None:
    assert estimated_jaccard(signature(WIRE), signature("(DAILY LEDGER) " + WIRE)) >= 0.8


def test_another_report_of_the_same_story_is_not() -> None:
    assert estimated_jaccard(signature(WIRE), signature(OTHER_REPORT)) < 0.3


def test_index_returns_the_earliest_matching_key() -> None:
    index = NearDuplicateIndex()
    index.insert(7, signature(WIRE))
    index.insert(9, signature("LISBON (Wire) - " + WIRE))
    assert index.find(signature(WIRE + " Updated.")) == 7
    assert index.find(signature(OTHER_REPORT)) is None


def test_index_lists_every_copy_in_key_order() -> None:
    index = NearDuplicateIndex()
    index.insert_many([(9, signature("LISBON (Wire) - " + WIRE)), (7, signature(WIRE)), (8, signature(OTHER_REPORT))])
    assert index.copies(signature(WIRE + " Updated.")) == [7, 9]
    assert index.copies(signature("An unrelated note about the weather in the mountains this week.")) == []


def test_unspaced_scripts_are_shingled_by_characters() -> None:
    grams = shingles("欧洲央行宣布加息")
    assert len(grams) == 6 and all(len(g.decode()) == 3 for g in grams)


def test_signatures_are_deterministic() -> None:
    assert (signature(WIRE) == signature(WIRE)).all()


def test_band_layout_is_datasketchs_optimum_for_the_threshold() -> None:
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    assert (lsh.b, lsh.r) == (BANDS, ROWS_PER_BAND)


def test_a_copy_shares_a_bucket_and_another_report_none() -> None:
    copy, other = set(band_buckets(signature(WIRE + " Updated."))), set(band_buckets(signature(OTHER_REPORT)))
    assert set(band_buckets(signature(WIRE))) & copy
    assert not set(band_buckets(signature(WIRE))) & other


def test_signatures_keep_16_bits_and_32_bit_ones_of_earlier_versions_read_the_same() -> None:
    from datasketch import MinHash

    values = signature(WIRE)
    assert values.dtype == np.uint16 and len(values.tobytes()) == 2 * NUM_PERM
    full = MinHash(num_perm=NUM_PERM, seed=1)
    full.update_batch(shingles(WIRE))
    earlier = full.hashvalues.astype(np.uint32).tobytes()  # what a store of an earlier version holds
    assert np.array_equal(signature_from_bytes(earlier), values)
    assert np.array_equal(signature_from_bytes(values.tobytes()), values)
    index = NearDuplicateIndex()
    index.insert(3, full.hashvalues.astype(np.uint32))  # a caller's 32-bit values are cut the same way
    assert index.find(signature("REPRINT: " + WIRE)) == 3
