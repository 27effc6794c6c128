"""The pair judgement the story engine decides with, behind a small Protocol.

The engine, ``similar`` and coverage are written against ``PairSimilarity`` so that tests can place
articles with a transparent stand-in; in use it is always the one pair judgement of ``samestory.pairs``
(shipped, or re-fitted by ``samestory train``), with its one set of thresholds: a stored article and the
same article compared fresh get the same score and the same label.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from samestory.documents.model import Document
from samestory.pairs.scoring import SHIPPED_PARAMS, Judgements, Thresholds, load_scorer, shipped_scorer_path


@runtime_checkable
class PairSimilarity(Protocol):
    """Judges one article against several: calibrated same-story probabilities, labels, SemEval scores."""

    thresholds: Thresholds
    encoder: str
    """The encoder whose vectors the judgement was fitted on."""

    def judge(self, a: Document, others: list[Document]) -> Judgements: ...

    def judge_best(self, a: Document, others: list[Document], k: int) -> tuple[list[int], Judgements]:
        """The positions of the ``k`` of ``others`` with the highest similarity (best first, ties by position)
        and their judgements, which may leave out the SemEval scores (``similar``'s call)."""
        ...

    def similarities(self, a: Document, others: list[Document]) -> np.ndarray:
        """``judge(a, others).similarity``, computed alone (the story engine needs nothing else)."""
        ...


def load_story_scorer(path: Path | None = None) -> tuple[str, PairSimilarity]:
    """The pair scorer and the name a store records it by ("shipped", or the file's name and fingerprint)."""
    scorer = load_scorer(path)
    if path is None:
        return "shipped", scorer
    for mode in SHIPPED_PARAMS:
        if mode != "default" and Path(path).resolve() == shipped_scorer_path(mode).resolve():  # type: ignore[arg-type]
            return f"shipped-{mode}", scorer
    fingerprint = hashlib.sha1(Path(path).read_bytes()).hexdigest()[:12]
    return f"{Path(path).name}#{fingerprint}", scorer
