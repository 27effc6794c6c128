"""Nearest-neighbour search within a stretch of time: one vector graph per block of days.

Stories live within a time window, so placement wants the nearest articles published near the new one.
One graph over the whole archive answers "nearest overall", and as the archive grows the nearest are
more and more look-alikes from other years (the same strike every spring, the monthly rate decision):
they crowd the members of the article's own story out of the k returned, and the placement of a large
store drifts from that of a small one (``benchmarks/sharded_placement.py``, docs/scale.md). Here each block
of ``BLOCK_DAYS`` days has its own ``VectorIndex`` (exact while small, a graph beyond), a search over a
day range visits only the blocks it overlaps. Articles whose date is missing or vague (only a month or a
year known) could lie anywhere: they sit in one *loose* block that every range search visits. A search
without a range (an undated article placed or queried by ``similar``, the topics of an article's nearest
neighbours whenever they happened) goes to one graph over every vector instead: visiting every block would be
a scan of the whole store while blocks are small enough to be searched exactly. Each vector is thus held
twice, as 8-bit integers (``vectors.QUANTIZATION``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from samestory.index.vectors import Neighbours, VectorIndex

BLOCK_DAYS = 30
"""Days per block: about the story window, so a window search visits two or three blocks, and an archive
of ten years is a few hundred blocks."""
DAY_MARGIN = 1.0
"""A date exact to the day is still ±half a day: a range search reaches one day further on either side."""
LOOSE = -1
"""The block of articles without a usable day (publication days are positive ordinals)."""
_BLOCK_FILE = re.compile(r"^(loose|day-(\d+))\.usearch$")
WHOLE_FILE = "all.usearch"

DaysSource = Callable[[], tuple[np.ndarray, np.ndarray]]
"""Gives every stored key and its day (NaN where undated or vague); what the index must hold."""


@dataclass(frozen=True, slots=True)
class DayRange:
    """The publication days (ordinals, inclusive) a wanted neighbour may have."""

    first: float
    last: float


class TimelineIndex:
    """Vectors filed by publication day; a cache that can always be rebuilt from the store."""

    def __init__(self, dim: int, folder: Path | None = None) -> None:
        self.dim = dim
        self.folder = folder
        self._blocks: dict[int, VectorIndex] = {}
        self._whole = VectorIndex(dim, None if folder is None else folder / WHOLE_FILE)
        if folder is not None and folder.is_dir():
            self._load(folder)

    def __len__(self) -> int:
        return len(self._whole)

    @property
    def blocks(self) -> int:
        return len(self._blocks)

    def _load(self, folder: Path) -> None:
        for path in folder.iterdir():
            match = _BLOCK_FILE.match(path.name)
            if match is None:
                continue
            block = VectorIndex(self.dim, path)
            if block.loaded_from_disk:
                self._blocks[LOOSE if match.group(2) is None else int(match.group(2))] = block

    def add(self, keys: np.ndarray, vectors: np.ndarray, days: np.ndarray) -> None:
        """File each vector under its day's block (NaN days in the loose block)."""
        keys, vectors = np.asarray(keys, dtype=np.int64), np.asarray(vectors, dtype=np.float32)
        blocks = block_of(np.asarray(days, dtype=np.float64))
        for block in np.unique(blocks).tolist():
            chosen = blocks == block
            self._block(block).add(keys[chosen], vectors[chosen])
        self._whole.add(keys, vectors)

    def search(self, vector: np.ndarray, k: int, within: DayRange | None = None) -> Neighbours:
        """The ``k`` nearest vectors among those that may lie ``within`` the range (everywhere when None).

        Blocks at the range's edges also hold articles just outside it: the caller checks dates exactly."""
        if within is None:
            return self._whole.search(vector, k)
        found = [self._blocks[b].search(vector, k) for b in self._blocks_for(within)]
        found = [f for f in found if len(f)]
        if not found:
            return Neighbours(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))
        if len(found) == 1:
            return found[0]
        keys = np.concatenate([f.keys for f in found])
        similarities = np.concatenate([f.similarities for f in found])
        order = np.lexsort((keys, -np.round(similarities, 5)))[:k]  # ties by key: reruns agree
        return Neighbours(keys[order], similarities[order])

    def _blocks_for(self, within: DayRange) -> list[int]:
        first = math.floor((within.first - DAY_MARGIN) / BLOCK_DAYS)
        last = math.floor((within.last + DAY_MARGIN) / BLOCK_DAYS)
        if last - first + 1 > len(self._blocks):
            return sorted(b for b in self._blocks if b == LOOSE or first <= b <= last)
        return [b for b in (LOOSE, *range(first, last + 1)) if b in self._blocks]

    def _block(self, block: int) -> VectorIndex:
        if block not in self._blocks:
            self._blocks[block] = VectorIndex(self.dim, self._path(block))
        return self._blocks[block]

    def _path(self, block: int) -> Path | None:
        if self.folder is None:
            return None
        return self.folder / ("loose.usearch" if block == LOOSE else f"day-{block}.usearch")

    def sync(self, stored: DaysSource, vectors_for: Callable[[np.ndarray], np.ndarray]) -> int:
        """Make the graph hold every stored key and each block exactly those filed under it; returns how many
        vectors had to be added or dropped (in the graph or in the blocks, whichever needed more)."""
        keys, days = stored()
        keys = np.asarray(keys)
        blocks = block_of(np.asarray(days, dtype=np.float64))
        in_blocks = 0
        for block in sorted(set(self._blocks) | set(np.unique(blocks).tolist())):
            in_blocks += self._block(block).sync(keys[blocks == block], vectors_for)
        for block in [b for b, index in self._blocks.items() if not len(index)]:
            self._drop(block)
        return max(self._whole.sync(keys, vectors_for), in_blocks)

    def _drop(self, block: int) -> None:
        del self._blocks[block]
        path = self._path(block)
        if path is not None:
            path.unlink(missing_ok=True)

    def save(self) -> None:
        """Write the blocks that changed (each atomically; an unchanged block's file is left as it is)."""
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        for block in [*self._blocks.values(), self._whole]:
            block.save()

    @property
    def loaded_from_disk(self) -> bool:
        return self._whole.loaded_from_disk


def block_of(days: np.ndarray) -> np.ndarray:
    """The block of each day; the loose block for NaN."""
    blocks = np.full(days.shape, LOOSE, dtype=np.int64)
    dated = ~np.isnan(days)
    blocks[dated] = np.floor(days[dated] / BLOCK_DAYS).astype(np.int64)
    return blocks
