"""Pair features: a pair scored alone and among many gets the same row, to the last bit."""

import dataclasses

import numpy as np

from samestory.documents.model import DateMention, EntityMention
from samestory.pairs.features import (
    FEATURE_NAMES,
    SECOND_OPINION,
    match_documents,
    match_many,
    pair_feature_rows,
    pair_features,
)
from tests.stories.fixtures import make_document, unit


def _documents() -> list:
    base = unit(1)
    documents = [
        make_document("a", base, entities=("haftar", "sisi", "role:president"), places=("city:cairo",)),
        make_document("b", unit(2, near=base), entities=("hftr", "sissi"), places=("city:cairo", "country:ly")),
        make_document("c", unit(3, near=base, noise=1.0), day=None, entities=("trump",), lang="de"),
        make_document("d", unit(4), day="2023-05-20", text="Another report with 4.5 percent and 300 people."),
    ]
    untitled = dataclasses.replace(documents[3], title_vector=None, terms=documents[3].terms.empty())
    named_more = dataclasses.replace(
        documents[1],
        entities=[*documents[1].entities, EntityMention("sarraj", "Sarraj", "person", ["Sarraj"], 1, 0)],
        dates=[*documents[1].dates, DateMention(documents[1].dates[0].date, "year", "2023", 0)],
    )
    return [*documents, untitled, named_more]


def test_rows_among_many_equal_rows_alone() -> None:
    documents = _documents()
    for query in documents:
        rows = pair_feature_rows(query, documents)
        assert rows.shape == (len(documents), len(FEATURE_NAMES)) and rows.dtype == np.float32
        for row, other in zip(rows, documents, strict=True):
            assert np.array_equal(row, pair_features(query, other))
    assert pair_feature_rows(documents[0], []).shape == (0, len(FEATURE_NAMES))


def test_matches_among_many_equal_matches_alone_and_transliterations_meet() -> None:
    documents = _documents()
    together = match_many(documents[0], documents)
    assert together == [match_documents(documents[0], other) for other in documents]
    names = {(x.key, y.key) for x, y in together[1].entities.pairs}
    assert names == {("haftar", "hftr"), ("sisi", "sissi")}


def test_a_missing_vector_or_term_list_scores_zero_not_an_error() -> None:
    documents = _documents()
    row = pair_features(documents[0], documents[4])
    for name in ("title_cos", "lexical_cos"):
        assert row[FEATURE_NAMES.index(name)] == 0.0
    assert row[FEATURE_NAMES.index("head_cos")] != 0.0


def test_the_second_opinion_is_the_cosine_of_second_vectors_when_both_have_one() -> None:
    documents = _documents()
    column = FEATURE_NAMES.index(SECOND_OPINION)
    assert not pair_feature_rows(documents[0], documents)[:, column].any()  # default mode: no second vectors
    seconds = [unit(10 + i)[:384] / np.linalg.norm(unit(10 + i)[:384]) for i in range(len(documents))]
    precise = [dataclasses.replace(d, second_vector=v) for d, v in zip(documents, seconds, strict=True)]
    rows = pair_feature_rows(precise[0], precise)
    assert np.allclose(rows[:, column], [seconds[0] @ v for v in seconds], atol=1e-6)
    base = [i for i, name in enumerate(FEATURE_NAMES) if name != SECOND_OPINION]
    assert np.array_equal(rows[:, base], pair_feature_rows(documents[0], documents)[:, base])
