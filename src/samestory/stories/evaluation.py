"""B-cubed evaluation of story clustering against labelled events and topics, with a plain baseline.

The baseline is what one would do without this project: one USE vector per article (first 2,000
characters of title and text) and average-link agglomerative clustering with a cosine threshold. Its
threshold is the best of a grid, chosen on the very data it is scored on: an optimistic baseline.
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from samestory.errors import InputError

BASELINE_GRID = tuple(round(t, 3) for t in np.arange(0.20, 0.901, 0.025))


@dataclass(frozen=True, slots=True)
class BCubed:
    precision: float
    recall: float
    f1: float

    def to_dict(self) -> dict[str, float]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


def bcubed(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> BCubed:
    """B-cubed precision, recall and F1 (Bagga & Baldwin), from the non-empty cells of the contingency table
    (a dense table of 40,000 × 40,000 clusters would not fit in memory)."""
    if len(predicted) != len(gold) or not gold:
        raise ValueError("bcubed needs two equally long, non-empty labelings")
    _, p = np.unique(np.asarray([str(x) for x in predicted]), return_inverse=True)
    _, g = np.unique(np.asarray([str(x) for x in gold]), return_inverse=True)
    width = int(g.max()) + 1
    cells, shared = np.unique(p.astype(np.int64) * width + g, return_counts=True)
    squares = shared.astype(np.float64) ** 2
    n = float(len(gold))
    precision = float((squares / np.bincount(p)[cells // width]).sum() / n)
    recall = float((squares / np.bincount(g)[cells % width]).sum() / n)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return BCubed(precision, recall, f1)


@dataclass(frozen=True, slots=True)
class BaselineResult:
    threshold: float
    scores: BCubed


def average_link_baseline(vectors: np.ndarray, gold: Sequence[Hashable]) -> BaselineResult:
    """The best B-cubed F1 of average-link clustering over the cosine-threshold grid."""
    from scipy.cluster.hierarchy import fcluster, linkage

    if len(vectors) < 2:
        return BaselineResult(1.0, bcubed([0] * len(vectors), gold))
    tree = linkage(np.asarray(vectors, dtype=np.float64), method="average", metric="cosine")
    results = [
        BaselineResult(t, bcubed(fcluster(tree, t=1.0 - t, criterion="distance").tolist(), gold)) for t in BASELINE_GRID
    ]
    return max(results, key=lambda r: (r.scores.f1, -r.threshold))


@dataclass(frozen=True, slots=True)
class Labels:
    event: str
    topic: str


def read_labels(path: Path, id_field: str = "id") -> dict[str, Labels]:
    """``event`` and ``topic`` of each labelled JSONL record, by id (``topic`` defaults to ``event``)."""
    labels: dict[str, Labels] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(str(path), f"cannot be read as UTF-8 JSON Lines ({error})") from error
    for line in lines:
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue  # the article reader reports the line
        if isinstance(record, dict) and record.get("event") and record.get(id_field) is not None:
            event = str(record["event"])
            labels[str(record[id_field])] = Labels(event, str(record.get("topic") or event))
    if not labels:
        raise InputError(str(path), "has no labelled records: each line needs an 'event' (and a 'topic') field")
    return labels
