import json

import pytest

from samestory.errors import InputError
from samestory.pairs.devset import dev_label, evaluation_pairs, read_dev_labels


def _write(tmp_path, records):
    path = tmp_path / "dev.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records))
    return path


def _record(i, event, topic, sibling_of=None, lang="en"):
    return {"id": f"a{i}", "event": event, "sibling_of": sibling_of, "topic": topic, "lang": lang, "text": "x"}


def test_labels_follow_the_data_readme(tmp_path) -> None:
    labels = read_dev_labels(_write(tmp_path, [
        _record(0, "e1", "t1"), _record(1, "e1", "t1", lang="de"), _record(2, "e2", "t1", "e1"),
        _record(3, "e3", "t2"),
    ]))  # fmt: skip
    assert dev_label(labels[0], labels[1]) == 1.0
    assert dev_label(labels[0], labels[2]) == 0.5
    assert dev_label(labels[0], labels[3]) == 0.0


def test_evaluation_pairs_keep_all_positive_pairs_and_are_seeded(tmp_path) -> None:
    records = [_record(i, f"e{i % 4}", f"t{i % 4}") for i in range(20)]
    labels = read_dev_labels(_write(tmp_path, records))
    pairs = evaluation_pairs(labels, seed=1)
    positives = {(i, j) for i in range(20) for j in range(i + 1, 20) if i % 4 == j % 4}
    assert positives <= set(pairs)
    assert pairs == evaluation_pairs(labels, seed=1)
    assert len(set(pairs) - positives) <= 6 * 20


def test_broken_record_names_the_line(tmp_path) -> None:
    path = tmp_path / "dev.jsonl"
    path.write_text('{"id": "a", "event": "e", "topic": "t", "lang": "en"}\n{"id": "b"}\n')
    with pytest.raises(InputError, match=r"dev\.jsonl:2"):
        read_dev_labels(path)
