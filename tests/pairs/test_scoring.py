"""The judgement one article against many: the same numbers as pair by pair, whatever the batch holds."""

import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest

from samestory.errors import ScorerError
from samestory.pairs.features import DATE_KNOWN, SECOND_OPINION, pair_feature_rows
from samestory.pairs.scoring import load_scorer, shipped_scorer_path
from tests.pairs.test_features import _documents
from tests.stories.fixtures import unit


def test_dated_and_undated_rows_in_one_batch_score_as_alone() -> None:
    documents = _documents()
    rows = pair_feature_rows(documents[0], documents)
    assert 0 < (rows[:, DATE_KNOWN] > 0).sum() < len(rows)  # the batch mixes both models
    model = load_scorer().same_story
    alone = np.concatenate([model.raw(row) for row in rows])
    assert np.array_equal(model.raw(rows), alone)


def test_the_best_k_get_the_similarity_related_and_label_of_the_full_judgement() -> None:
    scorer = load_scorer()
    documents = _documents()
    full = scorer.judge(documents[1], documents)
    best, judged = scorer.judge_best(documents[1], documents, 3)
    assert best == [int(i) for i in np.lexsort((np.arange(len(documents)), -full.similarity))[:3]]
    assert np.array_equal(judged.similarity, full.similarity[best])
    assert np.array_equal(judged.related, full.related[best])
    assert judged.labels == [full.labels[i] for i in best]
    assert judged.scores == [] and len(full.scores) == len(documents)  # similar shows no SemEval scores


def test_the_shipped_scorers_of_each_mode_load_and_say_what_they_read() -> None:
    default, fast, precise = (load_scorer(shipped_scorer_path(mode)) for mode in ("default", "fast", "precise"))
    assert (default.encoder, fast.encoder, precise.encoder) == ("use", "use-static", "use+e5")
    assert not default.reads_second_opinion and not fast.reads_second_opinion
    assert precise.reads_second_opinion and SECOND_OPINION in precise.feature_names
    recorded = json.loads(shipped_scorer_path("precise").read_text("utf-8"))["trained"]["command"]
    assert "--encoder use+e5" in recorded  # how to fit it again


def test_a_precise_scorer_refuses_documents_without_second_vectors() -> None:
    """Scored as 0, a missing second opinion would make every pair look less alike: refused, naming the article."""
    precise = load_scorer(shipped_scorer_path("precise"))
    documents = _documents()
    with pytest.raises(ScorerError, match=r"article 'a' was analysed without the precise mode's second vector"):
        precise.judge(documents[0], documents[1:])
    with pytest.raises(ScorerError, match="--precise"):
        precise.score(documents[0], documents[1])
    seconds = [dataclasses.replace(d, second_vector=unit(20 + i)) for i, d in enumerate(documents)]
    judged = precise.judge(seconds[0], seconds[1:])
    assert len(judged.labels) == len(documents) - 1


def test_a_scorer_file_whose_models_read_other_features_is_refused(tmp_path: Path) -> None:
    record = json.loads(shipped_scorer_path("precise").read_text("utf-8"))
    record["related"]["feature_names"] = record["related"]["feature_names"][:-1]  # one head without the column
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps(record), "utf-8")
    with pytest.raises(ScorerError, match="fitted for other features"):
        load_scorer(path)
