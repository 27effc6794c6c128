"""Time-sharded placement decides as one sequential placement would (cosine stub scorer, worker processes)."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from samestory.documents.model import Document
from samestory.stories import neardup
from samestory.stories.engine import EngineConfig, StoryEngine, timeline_position
from samestory.stories.sharded import PLACEMENT_BATCH, ShardedPlacer, cut_timeline
from samestory.stories.store import StoryStore, topic_total

from .fixtures import CosineSimilarity, make_document, unit

CONFIG = EngineConfig(topic_threshold=0.45)
START = dt.date(2022, 1, 1)


def _timeline() -> list[Document]:
    """Forty stories of four reports over 600 days, in shuffled input order; a story that straddles the
    middle of the timeline, a copy published a year after its original, and undated reports of stories."""
    rng = random.Random(3)
    documents = []
    for story in range(40):
        centre = unit(1000 + story)
        first = START + dt.timedelta(days=15 * story)
        for member in range(4):
            day = (first + dt.timedelta(days=member * rng.randint(1, 6))).isoformat()
            text = f"Story {story} report {member}: " + " ".join(f"w{story}x{member}x{i}" for i in range(40))
            vector = unit(story * 10 + member, near=centre, noise=0.25)
            documents.append(make_document(f"s{story}m{member}", vector, day=day, text=text))
    straddling = unit(77)
    for member, day in enumerate(("2022-10-25", "2022-10-29", "2022-11-02", "2022-11-06")):
        documents.append(make_document(f"cut{member}", unit(500 + member, near=straddling, noise=0.25), day=day))
    original = documents[5]
    documents.append(make_document("copy", original.head_vector, day="2023-06-01", text=original.article.text))
    for story in (3, 30):
        documents.append(
            make_document(f"undated{story}", unit(900 + story, near=unit(1000 + story), noise=0.25), day=None)
        )
    rng.shuffle(documents)
    return documents


def _sequential(documents: list[Document]) -> StoryStore:
    """What ingest does with one placement: date order, a batch at a time."""
    store = StoryStore.open(None)
    engine = StoryEngine(store, CosineSimilarity(), CONFIG)
    ordered = sorted(documents, key=timeline_position)
    for start in range(0, len(ordered), PLACEMENT_BATCH):
        chunk = ordered[start : start + PLACEMENT_BATCH]
        engine.place_batch(chunk, [neardup.signature(d.article.full_text) for d in chunk])
    return store


def _view(store: StoryStore) -> tuple[set[frozenset[str]], dict[str, str | None]]:
    """Stories as sets of article ids, and the id each copy points to."""
    rows = store.execute("SELECT a.id, a.story, o.id FROM articles a LEFT JOIN articles o ON o.key = a.duplicate_of")
    stories: dict[int, set[str]] = {}
    copies = {}
    for article, story, original in rows:
        stories.setdefault(story, set()).add(article)
        copies[article] = original
    return {frozenset(members) for members in stories.values()}, copies


def test_sharded_placement_gives_the_stories_of_one_sequential_placement() -> None:
    documents = _timeline()
    signatures = [neardup.signature(d.article.full_text) for d in documents]
    store = StoryStore.open(None)
    placer = ShardedPlacer(StoryEngine(store, CosineSimilarity(), CONFIG), workers=2)
    try:
        placements = placer.place(documents, signatures)
    finally:
        placer.close()
    assert len(placer.shard_sizes) == 2  # the input was really cut
    stories, copies = _view(store)
    expected_stories, expected_copies = _view(_sequential(documents))
    assert stories == expected_stories
    assert copies == expected_copies
    assert copies["copy"] == documents[[d.article.id for d in documents].index("s1m1")].article.id
    assert {frozenset(f"cut{i}" for i in range(4))} <= stories  # one story across the cut
    by_id = {d.article.id: p for d, p in zip(documents, placements, strict=True)}
    assert by_id["undated3"].story == by_id["s3m0"].story
    story_sizes = dict(store.execute("SELECT id, size FROM stories").fetchall())
    assert sum(story_sizes.values()) == len(documents) and all(story_sizes.values())


def test_a_short_timeline_is_placed_sequentially() -> None:
    """Shards must span several time windows; a week of news is not cut."""
    documents = [make_document(f"d{i}", unit(i), day=f"2023-03-0{1 + i % 7}") for i in range(20)]
    placer = ShardedPlacer(StoryEngine(StoryStore.open(None), CosineSimilarity(), CONFIG), workers=2)
    placed = placer.place(documents, [neardup.signature(d.article.full_text) for d in documents])
    assert placer.shard_sizes == [20] and placer._pool is None and len({p.key for p in placed}) == 20


def test_a_shard_joins_a_store_that_already_holds_articles() -> None:
    """A later backfill is joined to what is stored: a story continues, a copy links to its stored original."""
    documents = _timeline()
    signatures = [neardup.signature(d.article.full_text) for d in documents]
    early = [i for i, d in enumerate(documents) if d.article.published and d.article.published.iso() < "2022-07-01"]
    late = [i for i in range(len(documents)) if i not in early]
    store = StoryStore.open(None)
    placer = ShardedPlacer(StoryEngine(store, CosineSimilarity(), CONFIG), workers=2)
    try:
        placer.place([documents[i] for i in early], [signatures[i] for i in early])
        placer.place([documents[i] for i in late], [signatures[i] for i in late])
    finally:
        placer.close()
    assert _view(store) == _view(_sequential(documents))


@given(st.lists(st.integers(0, 30), max_size=60), st.integers(1, 5))
def test_cuts_cover_the_timeline_in_order_and_never_split_a_day(offsets: list[int], shards: int) -> None:
    days = sorted(float(d) for d in offsets)
    parts = cut_timeline(days, shards)
    assert [p for part in parts for p in part] == list(range(len(days)))
    assert len(parts) <= shards
    for before, after in itertools.pairwise(parts):
        assert days[before[-1]] < days[after[0]]


def test_a_cut_does_not_move_topics_of_stories_far_from_it() -> None:
    """Topic sums stay exact: each non-copy article counted once in its topic."""
    documents = _timeline()
    store = StoryStore.open(None)
    placer = ShardedPlacer(StoryEngine(store, CosineSimilarity(), CONFIG), workers=2)
    try:
        placer.place(documents, [neardup.signature(d.article.full_text) for d in documents])
    finally:
        placer.close()
    sizes = store.execute("SELECT sum(size) FROM topics").fetchone()[0]
    originals = store.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NULL").fetchone()[0]
    assert sizes == originals
    for topic, size, blob in store.execute("SELECT id, size, vector_sum FROM topics").fetchall():
        vectors = store.execute(
            "SELECT a.head_vector FROM articles a JOIN stories s ON s.id = a.story"
            " WHERE s.topic = ? AND a.duplicate_of IS NULL",
            (topic,),
        ).fetchall()
        assert len(vectors) == size
        if size:
            total = np.sum([np.frombuffer(v[0], dtype=np.float16).astype(np.float32) for v in vectors], axis=0)
            assert np.allclose(topic_total(size, blob, store.dim), total, atol=1e-2)


@pytest.mark.parametrize("workers", [0, 1])
def test_one_worker_places_like_the_engine(workers: int) -> None:
    documents = _timeline()
    store = StoryStore.open(None)
    placer = ShardedPlacer(StoryEngine(store, CosineSimilarity(), CONFIG), workers=workers)
    placer.place(documents, [neardup.signature(d.article.full_text) for d in documents])
    assert placer._pool is None
    assert _view(store) == _view(_sequential(documents))
