"""The time-blocked index: a search over a range of days sees what may lie in it, and nothing far away."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from samestory.index import DayRange, TimelineIndex
from samestory.index.timeline import BLOCK_DAYS

DAY = 738_000.0  # an ordinal in 2021


def _unit_rows(n: int, dim: int = 16, seed: int = 0) -> np.ndarray:
    rows = np.random.default_rng(seed).standard_normal((n, dim)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_a_range_search_skips_look_alikes_from_other_years() -> None:
    vectors = _unit_rows(4)
    close = vectors[0] * 0.6 + vectors[1] * 0.4
    index = TimelineIndex(16)
    index.add(np.array([1, 2, 3]), np.stack([vectors[0], vectors[1], vectors[2]]), np.array([DAY - 365, DAY, np.nan]))
    everywhere = index.search(close, 3)
    assert everywhere.keys.tolist()[:2] == [1, 2]
    nearby = index.search(close, 3, DayRange(DAY - 30, DAY + 30))
    assert sorted(nearby.keys.tolist()) == [2, 3]  # the undated article could be from any day
    assert list(nearby.similarities) == sorted(nearby.similarities, reverse=True)


@given(
    stored=st.floats(min_value=700_000, max_value=800_000, allow_nan=False),
    before=st.floats(min_value=0, max_value=400),
    after=st.floats(min_value=0, max_value=400),
)
def test_a_range_search_sees_every_day_in_the_range(stored: float, before: float, after: float) -> None:
    stored = float(np.floor(stored))
    index = TimelineIndex(16)
    index.add(np.array([7]), _unit_rows(1), np.array([stored]))
    found = index.search(_unit_rows(1, seed=1)[0], 5, DayRange(stored - before, stored + after))
    assert found.keys.tolist() == [7]


def test_blocks_are_saved_loaded_and_repaired_from_the_store(tmp_path: Path) -> None:
    vectors = _unit_rows(40)
    keys = np.arange(1, 41)
    days = DAY + np.arange(40) * 3.0  # four months: several blocks
    days[::10] = np.nan
    folder = tmp_path / "s.db.vectors"
    index = TimelineIndex(16, folder)
    index.add(keys, vectors, days)
    index.save()
    assert index.blocks >= 4 and len(list(folder.iterdir())) == index.blocks + 1  # and the graph of all

    again = TimelineIndex(16, folder)
    assert again.loaded_from_disk and len(again) == 40
    assert again.sync(lambda: (keys, days), lambda wanted: vectors[wanted - 1]) == 0

    kept = keys < 11  # the store lost all but the first ten (a rolled-back batch)
    changes = again.sync(lambda: (keys[kept], days[kept]), lambda wanted: vectors[wanted - 1])
    again.save()
    assert changes == 30 and len(again) == 10
    assert len(list(folder.iterdir())) == again.blocks + 1  # emptied blocks leave no file behind
    assert set(again.search(vectors[0], 40).keys.tolist()) == set(range(1, 11))


def test_blocks_follow_the_block_length() -> None:
    index = TimelineIndex(16)
    index.add(np.arange(1, 4), _unit_rows(3), np.array([0.0, BLOCK_DAYS - 1.0, BLOCK_DAYS * 1.0]))
    assert index.blocks == 2
