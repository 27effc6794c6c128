"""``similar``: candidates from the story window and from every stored article, re-ranked by the judgement."""

from __future__ import annotations

from samestory.stories import neardup, search
from samestory.stories.engine import EngineConfig, StoryEngine
from samestory.stories.search import similar_articles
from samestory.stories.store import StoryStore

from .fixtures import CosineSimilarity, make_document, unit


def _store(documents: list) -> StoryStore:  # type: ignore[type-arg]
    engine = StoryEngine(StoryStore.open(None), CosineSimilarity(), EngineConfig())
    engine.place_batch(documents, [neardup.signature(d.article.full_text) for d in documents])
    return engine.store


def test_similar_shows_window_mates_and_a_late_reprint_best_first() -> None:
    centre = unit(1)
    days = ("2023-03-01", "2023-03-02", "2023-03-03")
    mates = [make_document(f"m{i}", unit(10 + i, near=centre, noise=0.3), day=day) for i, day in enumerate(days)]
    late = make_document("late", unit(20, near=centre, noise=0.1), day="2023-11-20")  # months after: outside the window
    others = [make_document(f"o{i}", unit(30 + i), day="2023-03-02") for i in range(5)]
    store = _store([*mates, late, *others])
    query = mates[0]
    query_key = store.keys_for_id("m0")[0]
    found = similar_articles(store, CosineSimilarity(), query, k=3, exclude=query_key)
    assert {f.id for f in found} == {"m1", "m2", "late"}
    assert [f.similarity for f in found] == sorted((f.similarity for f in found), reverse=True)
    assert all(f.label == "same_story" or f.similarity < 0.7 for f in found)
    candidates = [store.documents([key])[key] for key in search._candidates(store, query, 4)]
    ids = [d.id for d in candidates]
    assert len(ids) == len(set(ids)) and "late" in ids  # found beyond the window, by the search over all
    assert all(d.article.published.iso().startswith("2023-03") for d in candidates[:4])  # the window's first
