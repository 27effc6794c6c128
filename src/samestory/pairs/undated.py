"""Time references of two undated articles that can mean the same days ("from Monday" / "this week").

Without publication dates "from Monday" and "this week" resolve to nothing. But two reports of one
happening were written within days of each other, and when they say something similar about it
(aligned sentences), their time references should fit one calendar: we try every weekday A could
have been written on and every day B could have been written within ``WRITING_GAP_DAYS`` of it,
resolve both references as if written on those days, and keep the pairs whose days can overlap.
Different weekdays never overlap, nor do "last week" and "next week". That is what a reader does
with the seed pair: Reuters' "a ceasefire from Monday" and the German report's "a ceasefire to begin
this week" are one start date.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from samestory.documents.dates import resolve_reference
from samestory.documents.model import Document, TimeReference
from samestory.pairs.comparison import AgreeingTimes

SAME_SUBJECT = 0.5
"""Sentence cosine above which two sentences are about the same thing (looser than an aligned pair:
"proposed a ceasefire from Monday" and "a ceasefire to begin this week" word it differently)."""
WRITING_GAP_DAYS = 3
"""Most days between two reports of one happening that still talk of it in relative terms."""
_A_MONDAY = dt.date(2024, 1, 1)
"""Any Monday: only the weekdays of the assumed writing days matter."""


def agreeing_times(a: Document, b: Document, sims: np.ndarray) -> list[AgreeingTimes]:
    """One-to-one pairs of A's and B's time references that can name the same days, best-aligned first."""
    if sims.size == 0 or not a.time_expressions or not b.time_expressions:
        return []
    candidates = sorted(
        (
            (float(sims[ra.sentence, rb.sentence]), i, j)
            for i, ra in enumerate(a.time_expressions)
            for j, rb in enumerate(b.time_expressions)
            if ra.sentence < sims.shape[0] and rb.sentence < sims.shape[1]
        ),
        reverse=True,
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    agreeing: list[AgreeingTimes] = []
    for score, i, j in candidates:
        if score < SAME_SUBJECT:
            break
        if i in used_a or j in used_b:
            continue
        ra, rb = a.time_expressions[i], b.time_expressions[j]
        if _can_coincide(a.sentences[ra.sentence], ra, b.sentences[rb.sentence], rb):
            used_a.add(i)
            used_b.add(j)
            agreeing.append(
                AgreeingTimes(ra.text, rb.text, a.sentences[ra.sentence], b.sentences[rb.sentence], round(score, 3))
            )
    return agreeing


def _can_coincide(sentence_a: str, a: TimeReference, sentence_b: str, b: TimeReference) -> bool:
    """Whether, written a few days apart at most, the two references can share at least one day."""
    days_b = {
        offset: resolve_reference(sentence_b, b, _A_MONDAY + dt.timedelta(days=offset))
        for offset in range(-WRITING_GAP_DAYS, 6 + WRITING_GAP_DAYS + 1)
    }
    for weekday in range(7):
        day_a = resolve_reference(sentence_a, a, _A_MONDAY + dt.timedelta(days=weekday))
        if day_a is None:
            continue
        for gap in range(-WRITING_GAP_DAYS, WRITING_GAP_DAYS + 1):
            day_b = days_b[weekday + gap]
            if day_b is not None and day_a.covers(day_b):
                return True
    return False
