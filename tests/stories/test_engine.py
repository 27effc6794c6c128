"""Online clustering decisions, with a cosine stub scorer so the expected outcome is plain."""

from __future__ import annotations

import numpy as np

from samestory.stories import neardup
from samestory.stories.engine import EngineConfig, StoryEngine
from samestory.stories.store import StoryStore

from .fixtures import CosineSimilarity, make_document, unit

CONFIG = EngineConfig(topic_threshold=0.45)


def _engine(cosine: CosineSimilarity, config: EngineConfig = CONFIG) -> StoryEngine:
    return StoryEngine(StoryStore.open(None), cosine, config)


def _place(engine: StoryEngine, documents: list) -> list:  # type: ignore[type-arg]
    return engine.place_batch(documents, [neardup.signature(d.article.full_text) for d in documents])


def test_close_articles_share_a_story_and_others_start_their_own(cosine: CosineSimilarity) -> None:
    centre = unit(1)
    engine = _engine(cosine)
    same = [make_document(f"s{i}", unit(10 + i, near=centre, noise=0.2)) for i in range(3)]
    other = make_document("o", unit(99))
    placed = _place(engine, [*same, other])
    assert len({p.story for p in placed[:3]}) == 1
    assert placed[3].story != placed[0].story and placed[3].topic != placed[0].topic


def test_a_look_alike_outside_the_time_window_is_a_new_story_of_the_same_topic(cosine: CosineSimilarity) -> None:
    centre = unit(2)
    engine = _engine(cosine)
    first = [make_document(f"a{i}", unit(20 + i, near=centre, noise=0.2), day="2023-01-10") for i in range(3)]
    later = make_document("b", unit(30, near=centre, noise=0.2), day="2023-05-10")
    placed = _place(engine, [*first, later])
    assert placed[3].story != placed[0].story
    assert placed[3].topic == placed[0].topic


def test_undated_articles_can_join_any_story(cosine: CosineSimilarity) -> None:
    centre = unit(3)
    engine = _engine(cosine)
    placed = _place(engine, [make_document("d", unit(40, near=centre, noise=0.2), day="2023-01-10"),
                             make_document("u", unit(41, near=centre, noise=0.2), day=None)])  # fmt: skip
    assert placed[0].story == placed[1].story


def test_a_wire_copy_is_linked_to_its_original_and_joins_its_story(cosine: CosineSimilarity) -> None:
    text = " ".join(f"word{i}" for i in range(80))
    engine = _engine(cosine)
    original = make_document("orig", unit(5), text=text)
    copy = make_document("copy", unit(6), text="(WIRE) " + text)  # a far vector: only the text says copy
    placed = _place(engine, [original, copy])
    assert placed[1].duplicate_of == placed[0].key
    assert placed[1].story == placed[0].story
    assert engine.store.placements([placed[1].key])[placed[1].key].duplicate_of == placed[0].key


def test_batches_are_placed_in_date_order(cosine: CosineSimilarity) -> None:
    centre = unit(7)
    engine = _engine(cosine)
    late = make_document("late", unit(50, near=centre, noise=0.2), day="2023-02-02")
    early = make_document("early", unit(51, near=centre, noise=0.2), day="2023-02-01")
    placed = _place(engine, [late, early])
    assert placed[1].key < placed[0].key  # the earlier article was stored first
    assert placed[0].score is not None and placed[1].score is None


def test_topics_merge_by_average_link_of_their_articles(cosine: CosineSimilarity) -> None:
    base = unit(8)
    engine = StoryEngine(StoryStore.open(None), CosineSimilarity(same_story=0.95), EngineConfig(topic_threshold=0.3))
    documents = [make_document(f"t{i}", unit(60 + i, near=base, noise=0.9), day="2023-03-01") for i in range(4)]
    placed = _place(engine, documents)
    assert len({p.story for p in placed}) == 4
    assert len({p.topic for p in placed}) == 1
    size, total = engine.store.topic_sums([placed[0].topic])[placed[0].topic]
    assert size == 4
    assert np.allclose(total, sum(d.head_vector for d in documents), atol=2e-3)  # kept as a float16 mean


def test_the_same_input_gives_the_same_stories(cosine: CosineSimilarity) -> None:
    def run() -> list[tuple[int, int]]:
        engine = _engine(cosine)
        docs = [make_document(f"r{i}", unit(70 + i, near=unit(i % 3), noise=0.5)) for i in range(12)]
        return [(p.story, p.topic) for p in _place(engine, docs)]

    assert run() == run()


def test_a_story_beyond_the_nearest_out_of_window_articles_is_still_found(cosine: CosineSimilarity) -> None:
    centre = unit(9)
    engine = StoryEngine(
        StoryStore.open(None), CosineSimilarity(same_story=0.6), EngineConfig(topic_threshold=0.45, neighbours=8)
    )
    old = [make_document(f"old{i}", unit(80 + i, near=centre, noise=0.1), day="2021-05-01") for i in range(10)]
    current = make_document("now1", unit(95, near=centre, noise=0.5), day="2023-05-01")
    _place(engine, [*old, current])
    query = make_document("now2", unit(96, near=centre, noise=0.1), day="2023-05-02")
    assert float(query.head_vector @ current.head_vector) >= 0.6  # type: ignore[operator]
    placed = _place(engine, [query])[0]
    assert placed.story == engine.store.placements([11])[11].story  # joined "now1", not a story of 2021
