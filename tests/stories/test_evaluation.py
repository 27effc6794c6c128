"""B-cubed and the plain baseline."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from samestory.errors import InputError
from samestory.stories.evaluation import average_link_baseline, bcubed, read_labels


def test_bcubed_matches_a_hand_computed_example() -> None:
    scores = bcubed([1, 1, 2, 2, 3], ["a", "a", "a", "b", "b"])
    assert scores.precision == pytest.approx(0.8)
    assert scores.recall == pytest.approx(8 / 15)
    assert scores.f1 == pytest.approx(0.64)


def test_bcubed_is_perfect_for_a_relabelled_partition() -> None:
    assert bcubed([5, 5, 9], ["x", "x", "y"]).f1 == pytest.approx(1.0)


def test_baseline_finds_well_separated_groups() -> None:
    rng = np.random.default_rng(0)
    centres = rng.standard_normal((3, 16))
    vectors = np.vstack([c + 0.05 * rng.standard_normal((4, 16)) for c in centres])
    result = average_link_baseline(vectors, [i // 4 for i in range(12)])
    assert result.scores.f1 == pytest.approx(1.0)


def test_labels_are_read_by_id_and_topic_defaults_to_event(tmp_path: Path) -> None:
    path = tmp_path / "l.jsonl"
    path.write_text(
        json.dumps({"id": "1", "text": "t", "event": "e1", "topic": "t1"}) + "\n"
        + json.dumps({"id": "2", "text": "t", "event": "e2"}) + "\nnot json\n"
    )  # fmt: skip
    labels = read_labels(path)
    assert labels["1"].topic == "t1" and labels["2"].topic == "e2"


def test_a_file_without_labels_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "l.jsonl"
    path.write_text(json.dumps({"id": "1", "text": "t"}) + "\n")
    with pytest.raises(InputError, match="event"):
        read_labels(path)
