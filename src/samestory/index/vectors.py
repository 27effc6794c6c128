"""A usearch HNSW index of unit vectors, keyed by the store's integer article keys.

usearch rather than hnswlib (measured in ``benchmarks/stories_index.py``, see docs/stories.md): it is
already a dependency, stores vectors quantised (``QUANTIZATION``), grows without a fixed capacity, and
checks key membership in one vectorised call, which is what re-syncing with SQLite needs.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from usearch.index import Index

VectorSource = Callable[[np.ndarray], np.ndarray]
"""Gives the stored vectors of some keys; used to repair the index (see ``VectorIndex.sync``)."""

EXACT_SEARCH_LIMIT = 20_000
"""Below this many vectors a brute-force scan is as fast as the graph and gives reproducible results,
so small stores (tests, one-off ``cluster`` runs) never depend on the graph's insertion history."""
PARALLEL_ADD = 1_000
"""Vectors added at once from which every core adds them."""
CONNECTIVITY = 16
EXPANSION_ADD = 64
EXPANSION_SEARCH = 96
QUANTIZATION = "i8"
"""Vectors are kept as 8-bit integers (512 bytes for USE): half of float16 in memory and on disk, and cosines
within ±0.005 of the float ones, enough to find candidates, which the pair scorer then judges from the stored
float16 vectors (measured in ``benchmarks/sharded_placement.py``, docs/scale.md)."""


@dataclass(frozen=True, slots=True)
class Neighbours:
    """Keys of the nearest stored vectors, best first, with their cosine similarities."""

    keys: np.ndarray
    similarities: np.ndarray

    def __len__(self) -> int:
        return int(self.keys.shape[0])


class VectorIndex:
    """Nearest-neighbour search over unit vectors; a cache that can always be rebuilt from the store."""

    def __init__(self, dim: int, path: Path | None = None) -> None:
        self.dim = dim
        self.path = path
        self._index = _new_index(dim)
        self._unsaved = False
        self.loaded_from_disk = False
        if path is not None and path.exists():
            self.loaded_from_disk = self._try_load(path)

    def __len__(self) -> int:
        return int(self._index.size)

    def _try_load(self, path: Path) -> bool:
        """Load the cached index; any damage just means it is rebuilt from the store."""
        from usearch.index import Index

        try:
            index = Index.restore(str(path))
        except (ValueError, RuntimeError, OSError):
            return False
        if index is None or index.ndim != self.dim:
            return False
        index.expansion_add, index.expansion_search = EXPANSION_ADD, EXPANSION_SEARCH  # a file keeps neither
        self._index = index
        return True

    def sync(self, keys: np.ndarray, vectors_for: VectorSource) -> int:
        """Make the index hold exactly ``keys``: drop strays, add missing vectors; returns the changes."""
        keys = np.asarray(keys, dtype=np.uint64)
        changes = 0
        if len(self):
            stored = np.asarray(self._index.keys, dtype=np.uint64)
            strays = np.setdiff1d(stored, keys, assume_unique=True)
            if strays.size:
                self._index.remove(strays)
                self._unsaved = True
                changes += int(strays.size)
        missing = keys[~np.asarray(self._index.contains(keys), dtype=bool)] if keys.size else keys
        if missing.size:
            for start in range(0, missing.size, 10_000):
                chunk = missing[start : start + 10_000]
                self.add(chunk, vectors_for(chunk))
            changes += int(missing.size)
        return changes

    def add(self, keys: np.ndarray, vectors: np.ndarray) -> None:
        """Add vectors one thread at a time while small batches come (the graph is then the same on every
        run); a large batch, as a sharded placement writes, on every core."""
        if len(keys):
            keys, vectors = np.asarray(keys, dtype=np.uint64), np.asarray(vectors, dtype=np.float32)
            threads = (os.cpu_count() or 1) if len(keys) >= PARALLEL_ADD else 1
            self._index.add(keys, vectors, threads=threads)
            self._unsaved = True

    def search(self, vector: np.ndarray, k: int) -> Neighbours:
        """The ``k`` nearest stored vectors to ``vector`` (exact while the index is small)."""
        if not len(self) or k <= 0:
            return Neighbours(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))
        exact = len(self) <= EXACT_SEARCH_LIMIT
        matches = self._index.search(np.asarray(vector, dtype=np.float32), min(k, len(self)), exact=exact)
        keys = np.asarray(matches.keys, dtype=np.int64)
        similarities = 1.0 - np.asarray(matches.distances, dtype=np.float32)
        if exact:  # ties are broken by key so reruns agree exactly
            order = np.lexsort((keys, -np.round(similarities, 5)))
            keys, similarities = keys[order], similarities[order]
        return Neighbours(keys, similarities)

    def save(self) -> None:
        """Write the cache if it changed, atomically: a crash mid-write leaves the previous file, never a torn one."""
        if self.path is None or (self.path.exists() and not self._unsaved):
            return
        partial = self.path.with_name(self.path.name + ".partial")
        self._index.save(str(partial))
        os.replace(partial, self.path)
        self._unsaved = False

    @property
    def memory_bytes(self) -> int:
        return int(self._index.memory_usage)


def _new_index(dim: int) -> Index:
    from usearch.index import Index

    return Index(
        ndim=dim,
        metric="cos",
        dtype=QUANTIZATION,
        connectivity=CONNECTIVITY,
        expansion_add=EXPANSION_ADD,
        expansion_search=EXPANSION_SEARCH,
    )
