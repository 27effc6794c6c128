"""Near-duplicate detection: wire copies match, different reports of one story do not."""

from __future__ import annotations

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
