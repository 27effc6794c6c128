"""``similar``: candidates from the story window and the query's copies (from every article when it is undated),
re-ranked by the judgement."""

from __future__ import annotations

import gc

from samestory.stories import neardup, search
from samestory.stories.engine import EngineConfig, StoryEngine
from samestory.stories.search import similar_articles
from samestory.stories.store import StoryStore

from .fixtures import CosineSimilarity, make_document, unit


def _store(documents: list) -> StoryStore:  # type: ignore[type-arg]
    engine = StoryEngine(StoryStore.open(None), CosineSimilarity(), EngineConfig())
    engine.place_batch(documents, [neardup.signature(d.article.full_text) for d in documents])
    return engine.store


STORY = (
    "The harbour authority of Riverton closed the northern pier on Tuesday after inspectors found cracks in "
    "three of its concrete pillars, and ferries to the islands will leave from the southern quay until repairs "
    "are finished, the authority said in a statement. Engineers expect the work to take six weeks and to cost "
    "about two million euros, which the regional government has agreed to pay from its emergency fund."
)


def test_similar_shows_window_mates_and_a_reprint_months_later_best_first() -> None:
    centre = unit(1)
    days = ("2023-03-01", "2023-03-02", "2023-03-03")
    mates = [
        make_document(f"m{i}", unit(10 + i, near=centre, noise=0.3), day=day, text=STORY if i == 0 else None)
        for i, day in enumerate(days)
    ]
    reprint = make_document("reprint", unit(20, near=centre, noise=0.1), day="2023-11-20", text=STORY + " (Reprint)")
    later = make_document("later", unit(21, near=centre, noise=0.1), day="2023-11-21")  # near, but months later
    others = [make_document(f"o{i}", unit(30 + i), day="2023-03-02") for i in range(5)]
    store = _store([*mates, reprint, later, *others])
    query = mates[0]
    query_key = store.keys_for_id("m0")[0]
    found = similar_articles(store, CosineSimilarity(), query, k=3, exclude=query_key)
    assert {f.id for f in found} == {"m1", "m2", "reprint"}
    assert [f.similarity for f in found] == sorted((f.similarity for f in found), reverse=True)
    assert all(f.label == "same_story" or f.similarity < 0.7 for f in found)
    candidates = [store.documents([key])[key] for key in search._candidates(store, query, 4, query_key)]
    ids = [d.id for d in candidates]
    assert len(ids) == len(set(ids)) and "reprint" in ids and "later" not in ids  # copies whenever printed
    assert all(d.article.published.iso().startswith("2023-03") for d in candidates[:4])  # the window's first
    fresh = search._candidates(store, make_document("fresh", query.head_vector, text=STORY), 4, None)
    assert "reprint" in [store.documents([key])[key].id for key in fresh]  # an unstored query's copies too


def test_an_undated_query_searches_every_stored_article() -> None:
    centre = unit(1)
    stored = [make_document(f"m{i}", unit(10 + i, near=centre, noise=0.2), day=f"202{i}-06-01") for i in range(3)]
    store = _store([*stored, *(make_document(f"o{i}", unit(30 + i)) for i in range(5))])
    undated = make_document("undated", unit(2, near=centre, noise=0.2), day=None)
    found = similar_articles(store, CosineSimilarity(), undated, k=3)
    assert {f.id for f in found} == {"m0", "m1", "m2"}


def test_ready_for_queries_loads_the_vector_index_before_the_first_query() -> None:
    store = _store([make_document(f"m{i}", unit(10 + i)) for i in range(3)])
    store._vectors = None  # as a store just opened
    try:
        search.ready_for_queries(store)
        assert store._vectors is not None and len(store._vectors) == 3
    finally:
        gc.unfreeze()
