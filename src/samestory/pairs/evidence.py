"""What the two articles share and what only one of them reports, for people to check the verdict."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from samestory.documents.model import Document
from samestory.pairs.claims import align_claims
from samestory.pairs.comparison import Evidence, OneSidedItem, Overlap, SharedItem
from samestory.pairs.features import PairMatches
from samestory.pairs.overlap import Matched
from samestory.pairs.undated import agreeing_times


def build_evidence(a: Document, b: Document, matches: PairMatches) -> Evidence:
    sims = sentence_similarities(a, b)
    claims = align_claims(a, b, matches, sims)
    roles_and_entities = Matched(
        matches.entities.pairs + matches.roles.pairs,
        matches.entities.only_a + matches.roles.only_a,
        matches.entities.only_b + matches.roles.only_b,
    )
    return Evidence(
        entities=_overlap(roles_and_entities, lambda e: (e.key, e.name, e.kind, e.forms)),
        places=_overlap(matches.places, lambda p: (p.key, p.name, "place", p.forms)),
        dates=_overlap(matches.dates, lambda d: (d.key, d.key, d.precision, [d.text])),
        numbers=_overlap(matches.numbers, lambda q: (q.key, q.key, q.unit or "number", [q.text])),
        aligned_claims=claims.claims,
        only_a_sentences=claims.only_a,
        only_b_sentences=claims.only_b,
        time_expressions_a=[t.text for t in a.time_expressions],
        time_expressions_b=[t.text for t in b.time_expressions],
        agreeing_times=agreeing_times(a, b, sims),
    )


def sentence_similarities(a: Document, b: Document) -> np.ndarray:
    """Cosine of every sentence of A with every sentence of B (empty when either has no sentence vectors)."""
    if a.sentence_vectors is None or b.sentence_vectors is None:
        return np.zeros((0, 0), dtype=np.float32)
    return a.sentence_vectors @ b.sentence_vectors.T


def _overlap(matched: Matched[Any], describe: Callable[[Any], tuple[str, str, str, list[str]]]) -> Overlap:
    shared = []
    for item_a, item_b in matched.pairs:
        key, name, kind, forms_a = describe(item_a)
        _, _, _, forms_b = describe(item_b)
        shared.append(SharedItem(key, name, kind, _merge_forms(matched, item_a, forms_a), list(forms_b)))
    return Overlap(
        shared=shared,
        only_a=[OneSidedItem(*describe(item)) for item in matched.only_a],
        only_b=[OneSidedItem(*describe(item)) for item in matched.only_b],
    )


def _merge_forms(matched: Matched[Any], item: Any, forms: list[str]) -> list[str]:
    """Dates and numbers may occur several times with one key; show each way it was written once."""
    return list(dict.fromkeys(forms))
