"""End to end with the real encoder: planted sibling stories stay apart but share their topic."""

from __future__ import annotations

import pytest

from samestory.articles.model import Article
from samestory.articles.records import FieldMap, article_from_record
from samestory.stories.clustering import cluster_articles, date_order
from samestory.stories.synthetic import sibling_topic

pytestmark = pytest.mark.slow


def _articles() -> list[Article]:
    corpus = sibling_topic("strike", seed=11) + sibling_topic("flood", seed=12, gap_days=330)
    return [article_from_record(a.record(), "fixture", a.id, FieldMap()) for a in corpus]


def test_sibling_stories_stay_apart_and_share_a_topic() -> None:
    articles = _articles()
    assigned = {a.article.id: a for a in cluster_articles(articles)}
    for kind in ("strike11", "flood12"):
        first = {assigned[f"{kind}a-{i}"].story for i in range(3)}
        second = {assigned[f"{kind}b-{i}"].story for i in range(3)}
        assert len(first) == 1 and len(second) == 1, (kind, first, second)
        assert first != second
        assert len({assigned[f"{kind}{s}-{i}"].topic for s in "ab" for i in range(3)}) == 1
    assert assigned["strike11a-0"].topic != assigned["flood12a-0"].topic


def test_date_order_puts_undated_articles_last_in_input_order() -> None:
    dated = _articles()[:2]
    undated = [Article(id="u1", text="x"), Article(id="u2", text="y")]
    ordered = date_order([undated[0], dated[1], undated[1], dated[0]])
    assert [a.id for a in ordered][-2:] == ["u1", "u2"]
