"""People's merges and splits: persisted, logged, followed by later ingests, and undoable by nothing else."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from samestory.errors import InputError
from samestory.stories import neardup
from samestory.stories.corrections import corrections, current_story, merge_stories, split_story
from samestory.stories.engine import EngineConfig, StoryEngine
from samestory.stories.store import StoryStore
from samestory.stories.summary import summarise

from .fixtures import CosineSimilarity, make_document, unit


def _place(engine: StoryEngine, documents: list) -> dict[str, int]:  # type: ignore[type-arg]
    placed = engine.place_batch(documents, [neardup.signature(d.article.full_text) for d in documents])
    return {d.id: p.story for d, p in zip(documents, placed, strict=True)}


def _long(name: str) -> str:
    """A report long enough for near-duplicate detection, its own words numbered by ``name``."""
    return " ".join(f"{name}word{i}" for i in range(80))


def _two_stories(store: StoryStore, cosine: CosineSimilarity) -> tuple[StoryEngine, dict[str, int]]:
    engine = StoryEngine(store, cosine, EngineConfig(topic_threshold=0.45))
    harbour, flood = unit(70), unit(80)
    documents = [make_document(f"h{i}", unit(71 + i, near=harbour, noise=0.1), text=_long(f"h{i}")) for i in range(3)]
    documents += [make_document(f"f{i}", unit(81 + i, near=flood, noise=0.1), text=_long(f"f{i}")) for i in range(2)]
    return engine, _place(engine, documents)


def test_a_merge_keeps_the_older_id_and_the_other_leads_to_it(tmp_path: Path, cosine: CosineSimilarity) -> None:
    with StoryStore.open(tmp_path / "s.db") as store:
        engine, stories = _two_stories(store, cosine)
        harbour, flood = stories["h0"], stories["f0"]
        done = merge_stories(store, flood, harbour, who="editor")
        assert (done.story, done.other, done.who) == (min(harbour, flood), max(harbour, flood), "editor")
        [story] = summarise(store)
        assert story.size == 5 and story.absorbed == [max(harbour, flood)] and story.last_updated == done.at
        assert current_story(store, max(harbour, flood)) == story.id
        later = _place(engine, [make_document("f9", unit(89, near=unit(80), noise=0.1))])
        assert later["f9"] == story.id
        assert engine.store.next_story_id() > max(harbour, flood)
    with StoryStore.open(tmp_path / "s.db", readonly=True, create=False) as store:
        assert [c.action for c in corrections(store)] == ["merge"]


def test_a_split_moves_articles_and_their_copies_and_holds(tmp_path: Path, cosine: CosineSimilarity) -> None:
    with StoryStore.open(tmp_path / "s.db") as store:
        engine, stories = _two_stories(store, cosine)
        harbour = stories["h0"]
        copy = make_document("h2-copy", unit(73, near=unit(70), noise=0.1), text=_long("h2") + " Updated.")
        assert _place(engine, [copy])["h2-copy"] == harbour
        done = split_story(store, harbour, ["h2"], who="editor")
        rows = dict(store.execute("SELECT id, story FROM articles").fetchall())
        assert rows["h2"] == rows["h2-copy"] == done.other != harbour
        assert rows["h0"] == rows["h1"] == harbour
        again = make_document("h2-again", unit(73, near=unit(70), noise=0.1), text=_long("h2") + " Corrected.")
        assert _place(engine, [again])["h2-again"] == done.other


@pytest.mark.parametrize(
    ("action", "message"),
    [
        (lambda s, h, f: merge_stories(s, h, h), "cannot be merged with itself"),
        (lambda s, h, f: merge_stories(s, h, 999), "is not a story of this store"),
        (lambda s, h, f: split_story(s, h, ["f0"]), "is not an article of story"),
        (lambda s, h, f: split_story(s, f, ["f0", "f1"]), "would leave the story empty"),
        (lambda s, h, f: split_story(s, h, []), "at least one article"),
    ],
)
def test_impossible_corrections_are_refused_and_change_nothing(
    tmp_path: Path,
    cosine: CosineSimilarity,
    action,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    with StoryStore.open(tmp_path / "s.db") as store:
        _, stories = _two_stories(store, cosine)
        before = store.execute("SELECT key, story FROM articles ORDER BY key").fetchall()
        with pytest.raises(InputError, match=message):
            action(store, stories["h0"], stories["f0"])
        assert store.execute("SELECT key, story FROM articles ORDER BY key").fetchall() == before
        assert corrections(store) == []


def test_topics_of_merged_stories_become_one(tmp_path: Path) -> None:
    cosine = CosineSimilarity()
    with StoryStore.open(tmp_path / "s.db") as store:
        _, stories = _two_stories(store, cosine)
        merge_stories(store, stories["h0"], stories["f0"])
        topics = {row[0] for row in store.execute("SELECT topic FROM stories")}
        assert len(topics) == 1
        [(size, total)] = store.topic_sums(topics).values()
        assert size == 5 and np.isfinite(total).all()
