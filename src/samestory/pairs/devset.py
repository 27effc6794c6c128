"""The labelled dev-set format (news-dev.jsonl) and its exact labels and pair sampling.

Labels (see the data's README): same ``event`` → 1.0; same root event or ``topic`` → 0.5; else 0.0.
Pairs: every pair with label > 0, plus 6 random label-0 partners per article (seeded).
"""

from __future__ import annotations

import itertools
import json
import random
from dataclasses import dataclass
from pathlib import Path

from samestory.errors import InputError

NEGATIVES_PER_ARTICLE = 6


@dataclass(frozen=True, slots=True)
class DevLabels:
    id: str
    event: str
    sibling_of: str | None
    topic: str
    lang: str

    @property
    def root(self) -> str:
        return self.sibling_of or self.event


def read_dev_labels(path: Path) -> list[DevLabels]:
    labels = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            labels.append(
                DevLabels(str(record["id"]), record["event"], record.get("sibling_of"), record["topic"], record["lang"])
            )
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise InputError(
                f"{path}:{number}", f"is not a labelled dev record (needs id, event, topic, lang): {error}"
            ) from error
    return labels


def dev_label(a: DevLabels, b: DevLabels) -> float:
    if a.event == b.event:
        return 1.0
    if a.root == b.root or a.topic == b.topic:
        return 0.5
    return 0.0


def all_pairs(count: int) -> list[tuple[int, int]]:
    return list(itertools.combinations(range(count), 2))


def evaluation_pairs(labels: list[DevLabels], seed: int = 0) -> list[tuple[int, int]]:
    """The README's pair set: all related or same pairs, plus seeded random different-story partners."""
    rng = random.Random(seed)
    chosen = {(i, j) for i, j in all_pairs(len(labels)) if dev_label(labels[i], labels[j]) > 0}
    for i, article in enumerate(labels):
        others = [j for j in range(len(labels)) if j != i and dev_label(article, labels[j]) == 0]
        for j in rng.sample(others, min(NEGATIVES_PER_ARTICLE, len(others))):
            chosen.add((min(i, j), max(i, j)))
    return sorted(chosen)
