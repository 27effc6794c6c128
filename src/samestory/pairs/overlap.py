"""Matching the entities, places, dates and numbers of two documents.

Entity keys are matched fuzzily (transliterations differ: "saraj"/"seraj"); place, date and number
keys are exact. The same matching serves the scorer's features and the evidence shown to users, so
what the user sees is what the score used.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import numpy as np

from samestory.documents.keys import keys_match_matrix

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Matched(Generic[T]):
    pairs: list[tuple[T, T]]
    only_a: list[T]
    only_b: list[T]

    @property
    def overlap(self) -> float:
        """Share of the smaller side that the other side also has (0 when either is empty)."""
        smaller = min(len(self.pairs) + len(self.only_a), len(self.pairs) + len(self.only_b))
        return len(self.pairs) / smaller if smaller else 0.0

    @property
    def jaccard(self) -> float:
        union = len(self.pairs) + len(self.only_a) + len(self.only_b)
        return len(self.pairs) / union if union else 0.0

    @property
    def sides_empty(self) -> bool:
        return not (self.pairs or self.only_a) or not (self.pairs or self.only_b)


def match_exact(a: Sequence[T], b: Sequence[T], key: Callable[[T], str]) -> Matched[T]:
    b_by_key = {key(item): item for item in b}
    pairs: list[tuple[T, T]] = []
    only_a: list[T] = []
    seen: set[str] = set()
    for item in a:
        k = key(item)
        if k in seen:
            continue
        seen.add(k)
        if k in b_by_key:
            pairs.append((item, b_by_key[k]))
        else:
            only_a.append(item)
    only_b = [item for k, item in b_by_key.items() if k not in seen]
    return Matched(pairs, only_a, only_b)


def match_fuzzy(
    a: Sequence[T],
    b: Sequence[T],
    key: Callable[[T], str],
    accepted: Callable[[list[str], list[str]], np.ndarray] = keys_match_matrix,
) -> Matched[T]:
    """Greedy one-to-one matching of keys that ``keys_match`` (``accepted`` gives that matrix: computed here,
    or read from a ``KeyMatchTable`` filled for many pairs at once); exact matches are taken first."""
    exact = match_exact(a, b, key)
    if not exact.only_a or not exact.only_b:
        return exact
    matrix = accepted([key(x) for x in exact.only_a], [key(y) for y in exact.only_b])
    pairs = list(exact.pairs)
    free = [True] * len(exact.only_b)
    only_a: list[T] = []
    for item, row in zip(exact.only_a, matrix.tolist(), strict=True):
        partner = next((j for j, accepted_here in enumerate(row) if accepted_here and free[j]), None)
        if partner is None:
            only_a.append(item)
        else:
            free[partner] = False
            pairs.append((item, exact.only_b[partner]))
    return Matched(pairs, only_a, [y for y, unused in zip(exact.only_b, free, strict=True) if unused])


def match_similar(
    a: Sequence[T], b: Sequence[T], key: Callable[[T], str], similar: Callable[[T, T], bool]
) -> Matched[T]:
    """Exact key matches first, then greedy one-to-one pairs that ``similar`` accepts."""
    exact = match_exact(a, b, key)
    pairs = list(exact.pairs)
    remaining_b = list(exact.only_b)
    only_a: list[T] = []
    for item in exact.only_a:
        partner = next((other for other in remaining_b if similar(item, other)), None)
        if partner is None:
            only_a.append(item)
        else:
            pairs.append((item, partner))
            remaining_b.remove(partner)
    return Matched(pairs, only_a, remaining_b)
