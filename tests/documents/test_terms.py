"""Weighted rare words: compact vectors whose cosine is the same one by one and for many at once."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from samestory.documents.terms import TermVector, term_cosines, term_vector


def test_cosines_for_many_equal_the_cosine_of_each() -> None:
    query = term_vector("Haftar accepts the Cairo ceasefire plan for Libya", "en")
    others = [
        term_vector("Cairo ceasefire plan: Haftar and Sarraj asked to stop fighting in Libya", "en"),
        TermVector.empty(),
        term_vector("Ein völlig anderer Bericht über Fußball in München", "de"),
        query,
    ]
    many = term_cosines(query, others)
    assert many.tolist() == [query.cosine(other) for other in others]
    assert many[1] == 0.0 and abs(many[3] - 1.0) < 1e-3 and many[0] > many[2]
    assert term_cosines(TermVector.empty(), others).tolist() == [0.0] * 4
    assert term_cosines(query, []).shape == (0,)


@given(st.text(), st.text(), st.sampled_from(["en", "tr", "de", "zh", "ar", "xx"]))
def test_any_text_gives_a_sorted_unit_vector_and_agreeing_cosines(a: str, b: str, lang: str) -> None:
    first, second = term_vector(a, lang), term_vector(b, lang)
    for vector in (first, second):
        assert np.all(np.diff(vector.ids.astype(np.int64)) > 0)
        assert not len(vector.ids) or abs(float(np.linalg.norm(vector.weights.astype(np.float64))) - 1.0) < 1e-2
        assert TermVector.from_bytes(vector.to_bytes()).cosine(vector) == vector.cosine(vector)
    assert term_cosines(first, [second, first]).tolist() == [first.cosine(second), first.cosine(first)]
