"""The judgement one article against many: the same numbers as pair by pair, whatever the batch holds."""

import numpy as np

from samestory.pairs.features import DATE_KNOWN, pair_feature_rows
from samestory.pairs.scoring import load_scorer
from tests.pairs.test_features import _documents


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
