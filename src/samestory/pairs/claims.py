"""Which sentences of A and B report the same fact, and which report what the other never says.

Two reports of one happening repeat its facts in different words, orders and numbers of sentences: Reuters'
one sentence on Egypt's ceasefire offer is two in the German report. So alignment is many-to-many: a
sentence is linked to every sentence of the other text that says nearly as much as its best match does.
A link needs the sentences to be close in meaning (cosine of their multilingual vectors), and what both
name raises it: the people, places, numbers and dates both mention (the *anchors*, weighted by how few
sentences mention them) and, within one language, the rare words they share. Each sentence of A with its
links is one claim, shown with its anchors so a reader can check it; a sentence of B may support several.

A sentence is reported by one side only when nothing in the other comes near it, by meaning or by anchors;
a sentence that is merely worded differently there is not "only A".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from samestory.documents.model import Document
from samestory.documents.terms import term_vector
from samestory.pairs.comparison import AlignedClaim, LoneSentence
from samestory.pairs.features import PairMatches

LINK = 0.6
"""Link score (cosine plus the anchors' bonus) from which two sentences state the same fact."""
MIN_COSINE = 0.4
"""However many anchors they share, sentences this far apart in meaning state different facts."""
ANCHOR_BONUS = 0.1
"""Bonus per shared anchor, times its specificity: a name in every sentence ("Libya" in a Libya story)
links nothing, a name in one sentence of each side ("Sirte") nearly proves the link."""
MAX_ANCHOR_BONUS = 0.2
WORDS_WEIGHT = 0.3
"""Weight of the two sentences' rare-word cosine: in one language, "ceasefire", "proposal" and "Sirte" in both
say more than a sentence vector does; across languages only names and numbers are shared, and it adds little."""
NEAR_BEST = 0.08
"""A sentence also links to other sentences scoring within this of its best match: many-to-many."""
MAX_PARTNERS = 3
SAYS_IT = 0.5
"""Below this best link score (and with no link) a sentence is reported by one side only."""
MIN_LONE_CHARS = 30
MAX_CLAIMS = 20
MAX_LONE = 8


@dataclass(frozen=True, slots=True)
class ClaimAlignment:
    claims: list[AlignedClaim]
    only_a: list[LoneSentence]
    only_b: list[LoneSentence]


def align_claims(a: Document, b: Document, matches: PairMatches, sims: np.ndarray) -> ClaimAlignment:
    if sims.size == 0:
        return ClaimAlignment([], [], [])
    anchors_a, anchors_b, names = _anchors(a, b, matches)
    weight = _specificity(anchors_a, anchors_b, len(names))
    shared = np.array([[sum(weight[k] for k in x & y) for y in anchors_b] for x in anchors_a], dtype=np.float64)
    score = sims + np.minimum(MAX_ANCHOR_BONUS, ANCHOR_BONUS * shared) + WORDS_WEIGHT * _shared_words(a, b)
    links = _links(score, sims)
    by_sentence: dict[int, list[tuple[int, int]]] = {}
    for i, j in links:
        by_sentence.setdefault(i, []).append((i, j))
    claims = [_claim(a, b, group, score, anchors_a, anchors_b, names) for _, group in sorted(by_sentence.items())]
    linked_a = {i for i, _ in links}
    linked_b = {j for _, j in links}
    return ClaimAlignment(
        claims[:MAX_CLAIMS],
        _lone(a.sentences, score.max(axis=1), linked_a),
        _lone(b.sentences, score.max(axis=0), linked_b),
    )


def _anchors(a: Document, b: Document, matches: PairMatches) -> tuple[list[set[int]], list[set[int]], list[str]]:
    """For each sentence, the shared items (by number) it mentions; and each item's display name."""
    anchors_a: list[set[int]] = [set() for _ in a.sentences]
    anchors_b: list[set[int]] = [set() for _ in b.sentences]
    names: list[str] = []
    items = [*matches.entities.pairs, *matches.places.pairs]
    for x, y in items:
        number = len(names)
        names.append(x.name)
        _mark_forms(anchors_a, a.sentences, x.forms, number)
        _mark_forms(anchors_b, b.sentences, y.forms, number)
    for x, y in [*matches.numbers.pairs, *matches.dates.pairs]:
        number = len(names)
        names.append(x.key)
        _mark(anchors_a, x.sentence, number)
        _mark(anchors_b, y.sentence, number)
    return anchors_a, anchors_b, names


def _shared_words(a: Document, b: Document) -> np.ndarray:
    """Rare-word cosine of every sentence pair (the same weighting as the articles' terms)."""
    terms_a = [term_vector(sentence, a.lang) for sentence in a.sentences]
    terms_b = [term_vector(sentence, b.lang) for sentence in b.sentences]
    return np.array([[x.cosine(y) for y in terms_b] for x in terms_a], dtype=np.float64).reshape(
        len(terms_a), len(terms_b)
    )


def _specificity(anchors_a: list[set[int]], anchors_b: list[set[int]], count: int) -> list[float]:
    """1 minus the larger share of sentences (of A, of B) that mention an anchor."""
    weights = []
    for k in range(count):
        share_a = sum(k in x for x in anchors_a) / max(1, len(anchors_a))
        share_b = sum(k in y for y in anchors_b) / max(1, len(anchors_b))
        weights.append(max(0.0, 1.0 - 2.0 * max(share_a, share_b)))
    return weights


def _mark_forms(anchors: list[set[int]], sentences: Sequence[str], forms: Sequence[str], number: int) -> None:
    usable = [form.casefold() for form in forms if len(form) >= 3]
    for index, sentence in enumerate(sentences):
        folded = sentence.casefold()
        if any(form in folded for form in usable):
            anchors[index].add(number)


def _mark(anchors: list[set[int]], sentence: int, number: int) -> None:
    if 0 <= sentence < len(anchors):
        anchors[sentence].add(number)


def _links(score: np.ndarray, sims: np.ndarray) -> list[tuple[int, int]]:
    """Pairs whose score reaches LINK and lies near the best match of either sentence."""
    eligible = (score >= LINK) & (sims >= MIN_COSINE)
    near_row = score >= score.max(axis=1, keepdims=True) - NEAR_BEST
    near_column = score >= score.max(axis=0, keepdims=True) - NEAR_BEST
    candidates = np.argwhere(eligible & (near_row | near_column))
    ranked = sorted(candidates.tolist(), key=lambda ij: -score[ij[0], ij[1]])
    partners_a: dict[int, int] = {}
    partners_b: dict[int, int] = {}
    kept = []
    for i, j in ranked:
        if partners_a.get(i, 0) >= MAX_PARTNERS or partners_b.get(j, 0) >= MAX_PARTNERS:
            continue
        partners_a[i] = partners_a.get(i, 0) + 1
        partners_b[j] = partners_b.get(j, 0) + 1
        kept.append((i, j))
    return kept


def _claim(
    a: Document,
    b: Document,
    group: list[tuple[int, int]],
    score: np.ndarray,
    anchors_a: list[set[int]],
    anchors_b: list[set[int]],
    names: list[str],
) -> AlignedClaim:
    a_indices = sorted({i for i, _ in group})
    b_indices = sorted({j for _, j in group})
    common = set().union(*(anchors_a[i] for i in a_indices)) & set().union(*(anchors_b[j] for j in b_indices))
    return AlignedClaim(
        a_indices=a_indices,
        b_indices=b_indices,
        a_texts=[a.sentences[i] for i in a_indices],
        b_texts=[b.sentences[j] for j in b_indices],
        score=round(float(max(score[i, j] for i, j in group)), 4),
        anchors=[names[k] for k in sorted(common)],
    )


def _lone(sentences: Sequence[str], best: np.ndarray, linked: set[int]) -> list[LoneSentence]:
    lone = [
        LoneSentence(i, sentences[i], round(float(best[i]), 4))
        for i in range(min(len(sentences), len(best)))
        if i not in linked and best[i] < SAYS_IT and len(sentences[i]) > MIN_LONE_CHARS
    ]
    return lone[:MAX_LONE]
