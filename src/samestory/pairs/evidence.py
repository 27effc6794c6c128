"""What the two articles share and what only one of them reports, for people to check the verdict."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from samestory.documents.model import Document
from samestory.pairs.comparison import (
    AlignedSentences,
    Evidence,
    LoneSentence,
    OneSidedItem,
    Overlap,
    SharedItem,
)
from samestory.pairs.features import ALIGNED_SENTENCE, PairMatches
from samestory.pairs.overlap import Matched
from samestory.pairs.undated import agreeing_times

MAX_ALIGNED = 12
MAX_LONE = 8
LONE_SENTENCE = 0.45
"""Below this best-match cosine a sentence has no counterpart in the other article."""


def build_evidence(a: Document, b: Document, matches: PairMatches) -> Evidence:
    sims = matches.similarity_matrix
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
        aligned_sentences=_aligned(a, b, sims),
        only_a_sentences=_lone(a.sentences, sims.max(axis=1) if sims.size else np.zeros(len(a.sentences))),
        only_b_sentences=_lone(b.sentences, sims.max(axis=0) if sims.size else np.zeros(len(b.sentences))),
        time_expressions_a=[t.text for t in a.time_expressions],
        time_expressions_b=[t.text for t in b.time_expressions],
        agreeing_times=agreeing_times(a, b, sims),
    )


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


def _aligned(a: Document, b: Document, sims: np.ndarray) -> list[AlignedSentences]:
    """Greedy one-to-one alignment: the best remaining pair first, each sentence used once."""
    if sims.size == 0:
        return []
    order = np.argsort(sims, axis=None)[::-1]
    used_a: set[int] = set()
    used_b: set[int] = set()
    aligned: list[AlignedSentences] = []
    for flat in order:
        i, j = divmod(int(flat), sims.shape[1])
        score = float(sims[i, j])
        if score < ALIGNED_SENTENCE or len(aligned) >= MAX_ALIGNED:
            break
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        aligned.append(AlignedSentences(i, j, a.sentences[i], b.sentences[j], round(score, 4)))
    return sorted(aligned, key=lambda pair: pair.a_index)


def _lone(sentences: Sequence[str], best: np.ndarray) -> list[LoneSentence]:
    lone = [
        LoneSentence(i, sentences[i], round(float(best[i]), 4))
        for i in range(min(len(sentences), len(best)))
        if best[i] < LONE_SENTENCE and len(sentences[i]) > 30
    ]
    return lone[:MAX_LONE]
