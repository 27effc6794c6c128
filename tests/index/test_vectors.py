"""The vector index: nearest-first search, atomic save, and repair from the store's vectors."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from samestory.index import VectorIndex
from samestory.index.vectors import EXPANSION_ADD, EXPANSION_SEARCH


def _unit_rows(n: int, dim: int = 32, seed: int = 0) -> np.ndarray:
    rows = np.random.default_rng(seed).standard_normal((n, dim)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_search_returns_the_nearest_first_with_cosines() -> None:
    vectors = _unit_rows(50)
    index = VectorIndex(32)
    index.add(np.arange(1, 51), vectors)
    found = index.search(vectors[9], 5)
    assert found.keys[0] == 10
    assert abs(found.similarities[0] - 1.0) < 1e-2
    assert list(found.similarities) == sorted(found.similarities, reverse=True)


def test_empty_index_finds_nothing() -> None:
    assert len(VectorIndex(8).search(np.ones(8, dtype=np.float32), 5)) == 0


def test_saved_index_loads_back(tmp_path: Path) -> None:
    path = tmp_path / "store.db.usearch"
    index = VectorIndex(32, path)
    index.add(np.arange(10), _unit_rows(10))
    index.save()
    again = VectorIndex(32, path)
    assert again.loaded_from_disk and len(again) == 10
    assert not (tmp_path / "store.db.usearch.partial").exists()
    # a reopened store searches and grows its graph as the fresh one did (the file keeps neither setting)
    settings = (again._index.expansion_add, again._index.expansion_search)
    assert settings == (EXPANSION_ADD, EXPANSION_SEARCH)


def test_damaged_index_file_is_ignored_and_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "store.db.usearch"
    path.write_bytes(b"not an index at all" * 10)
    vectors = _unit_rows(20)
    index = VectorIndex(32, path)
    assert not index.loaded_from_disk
    assert index.sync(np.arange(20), lambda keys: vectors[keys]) == 20
    assert index.search(vectors[3], 1).keys[0] == 3


def test_sync_adds_missing_keys_and_drops_strays() -> None:
    vectors = _unit_rows(30)
    index = VectorIndex(32)
    index.add(np.arange(0, 20), vectors[:20])
    changes = index.sync(np.arange(10, 30), lambda keys: vectors[keys])
    assert changes == 20  # 10 strays removed, 10 missing added
    assert len(index) == 20
    assert set(index.search(vectors[25], 30).keys.tolist()) == set(range(10, 30))
