"""The synthetic corpus: sizes, planted truth, copies, and the planted vectors' structure."""

from __future__ import annotations

import numpy as np

from samestory.articles.records import FieldMap, article_from_record
from samestory.stories.synthetic import generate, planted_vectors


def test_generates_the_requested_size_in_date_order_deterministically() -> None:
    corpus = generate(300, seed=3)
    assert len(corpus) == 300
    assert [a.date for a in corpus] == sorted(a.date for a in corpus)
    assert corpus == generate(300, seed=3)
    assert len({a.id for a in corpus}) == 300


def test_has_several_languages_siblings_and_copies() -> None:
    corpus = generate(600, seed=1)
    assert {a.lang for a in corpus} == {"en", "de", "fr", "es"}
    stories_per_topic: dict[str, set[str]] = {}
    for article in corpus:
        stories_per_topic.setdefault(article.topic, set()).add(article.story)
    assert any(len(stories) == 2 for stories in stories_per_topic.values())
    copies = [a for a in corpus if a.copy_of]
    assert copies and all(c.text.endswith(next(a.text for a in corpus if a.id == c.copy_of)) for c in copies)


def test_records_are_readable_articles() -> None:
    record = generate(5, seed=2)[0].record()
    article = article_from_record(record, "synthetic", "x", FieldMap())
    assert article.published is not None and article.lang == record["lang"] and article.url


def test_planted_vectors_separate_stories() -> None:
    corpus = generate(400, seed=4)
    vectors = planted_vectors(corpus, dim=64)
    story = np.array([a.story for a in corpus])
    sims = vectors @ vectors.T
    same = story[:, None] == story[None, :]
    assert sims[same].mean() > sims[~same].mean() + 0.3
