"""Re-clustering a store: every stored article placed again, story ids kept by lineage of members.

Placement never moves a stored article, so a store keeps the decisions of the scorer that built it. After a
re-fit (``samestory train``) or with other thresholds, ``samestory stories recluster`` places every stored
article again, in date order, from its stored document (no analysis, no encoding), on a fresh engine
(time-sharded with ``placement_workers``), and writes the new stories under the ids readers already hold:

* a new story keeps the id of an old story more than half of whose members it holds; when it holds the
  majority of several, it keeps the oldest id and the others are recorded as absorbed by it, as a merge
  records them;
* an old story that no new story holds most of is retired: its id is recorded as absorbed by the new story
  holding most of its members, so a reader holding it still finds the coverage;
* every other new story gets a new id; ids are never reused.

Stories that people corrected (merged or split, ``stories.corrections``) are kept as they left them: their
articles are not placed again, and the other articles are placed without them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from samestory.stories.engine import EngineConfig, StoryEngine
from samestory.stories.sharded import ShardedPlacer
from samestory.stories.similarity import PairSimilarity
from samestory.stories.store import StoryStore, topic_blob

READ_CHUNK = 2_000
"""Stored documents read at a time."""


@dataclass(frozen=True, slots=True)
class Lineage:
    """Which old story id each new story carries on, and which old ids it absorbs."""

    keeps: dict[int, int]
    """New story → the old id it keeps."""
    absorbs: dict[int, int]
    """Old id no longer a story of its own → the new story that holds it (most of its members)."""


def story_lineage(old: Sequence[int], new: Sequence[int]) -> Lineage:
    """Lineage by member overlap; ``old[i]`` and ``new[i]`` are the stories of article *i* before and after."""
    overlap = Counter(zip(old, new, strict=True))
    sizes = Counter(old)
    heirs: dict[int, list[int]] = {}
    largest: dict[int, tuple[int, int]] = {}
    """Old story → (members, -new story) of the new story holding most of them (the lower id on a tie)."""
    for (before, after), shared in overlap.items():
        if 2 * shared > sizes[before]:
            heirs.setdefault(after, []).append(before)
        largest[before] = max(largest.get(before, (0, 0)), (shared, -after))
    keeps = {after: min(befores) for after, befores in heirs.items()}
    kept = set(keeps.values())
    absorbs = {before: -largest[before][1] for before in sizes if before not in kept}
    return Lineage(keeps, absorbs)


@dataclass(frozen=True, slots=True)
class ReclusterReport:
    articles: int
    """Articles placed again (those of stories people corrected are not)."""
    stories_before: int
    stories_after: int
    kept_ids: int
    new_ids: int
    retired_ids: int
    corrected_stories: int
    """Stories people corrected, kept as they are."""


def recluster(
    store: StoryStore, scorer: PairSimilarity, config: EngineConfig, placement_workers: int = 1
) -> ReclusterReport:
    """Place the store's articles again and write the new stories in one transaction."""
    pinned = _corrected_stories(store)
    rows = store.execute("SELECT key, story FROM articles ORDER BY key").fetchall()
    keys = [int(key) for key, story in rows if story not in pinned]
    old = [int(story) for _, story in rows if story not in pinned]
    stories_before = int(store.execute("SELECT count(*) FROM stories").fetchone()[0])
    fresh = StoryStore.open(None, encoder=store.encoder, dim=store.dim)
    placer = ShardedPlacer(StoryEngine(fresh, scorer, config), placement_workers)
    try:
        placements = placer.place(*_stored(store, keys))
    finally:
        placer.close()
    original = {p.key: key for p, key in zip(placements, keys, strict=True)}
    lineage = story_lineage(old, [p.story for p in placements])
    with store.transaction():
        store.execute("PRAGMA defer_foreign_keys = ON")  # stories are replaced before their articles move
        ids = _story_ids(store, fresh, lineage)
        _replace_stories(store, fresh, ids, pinned)
        store.connection.executemany(
            "UPDATE articles SET story = ?, duplicate_of = ?, score = ? WHERE key = ?",
            [
                (ids[p.story], None if p.duplicate_of is None else original[p.duplicate_of], p.score, original[p.key])
                for p in placements
            ],
        )
        for absorbed, holder in lineage.absorbs.items():
            _record_absorbed(store, absorbed, ids[holder])
    fresh.close()
    after = int(store.execute("SELECT count(*) FROM stories").fetchone()[0])
    kept = len(lineage.keeps)
    return ReclusterReport(len(keys), stories_before, after, kept, len(ids) - kept, len(lineage.absorbs), len(pinned))


def _corrected_stories(store: StoryStore) -> set[int]:
    """Stories that are, today, one side of a person's merge or split."""
    from samestory.stories.corrections import current_story, last_corrected

    found = {current_story(store, story) for story in last_corrected(store)}
    return {story for story in found if story is not None}


def _stored(store: StoryStore, keys: list[int]) -> tuple[list, list[np.ndarray]]:  # type: ignore[type-arg]
    """The stored documents and MinHash signatures of ``keys``, read a chunk at a time."""
    documents, signatures = [], []
    for start in range(0, len(keys), READ_CHUNK):
        chunk = keys[start : start + READ_CHUNK]
        found, signed = store.documents(chunk), store.signatures(chunk)
        documents.extend(found[key] for key in chunk)
        signatures.extend(signed[key] for key in chunk)
    return documents, signatures


def _story_ids(store: StoryStore, fresh: StoryStore, lineage: Lineage) -> dict[int, int]:
    """New story → its id in the store: the id it keeps, or a new one (after every id ever given)."""
    next_id = store.next_story_id()
    ids: dict[int, int] = {}
    for (story,) in fresh.execute("SELECT id FROM stories ORDER BY id"):
        if story in lineage.keeps:
            ids[story] = lineage.keeps[story]
        else:
            ids[story], next_id = next_id, next_id + 1
    return ids


def _replace_stories(store: StoryStore, fresh: StoryStore, ids: dict[int, int], pinned: set[int]) -> None:
    """The fresh engine's stories and topics under the store's ids; people's stories and their topics stay."""
    marks = ",".join("?" * len(pinned))
    keep = f" WHERE id NOT IN ({marks})" if pinned else ""
    store.execute(f"DELETE FROM stories{keep}", tuple(pinned))
    store.execute("DELETE FROM topics WHERE id NOT IN (SELECT topic FROM stories)")
    first_topic = int(store.execute("SELECT coalesce(max(id), 0) + 1 FROM topics").fetchone()[0])
    topics = {
        topic: first_topic + n
        for n, (topic,) in enumerate(fresh.execute("SELECT DISTINCT topic FROM stories ORDER BY topic"))
    }
    sums = fresh.topic_sums(topics)
    store.connection.executemany(
        "INSERT INTO topics (id, size, vector_sum) VALUES (?, ?, ?)",
        [(topics[t], size, topic_blob(size, total)) for t, (size, total) in sums.items()],
    )
    store.connection.executemany(
        "INSERT INTO stories (id, topic, size, first_day, last_day) VALUES (?, ?, ?, ?, ?)",
        [
            (ids[story], topics[topic], size, first, last)
            for story, topic, size, first, last in fresh.execute(
                "SELECT id, topic, size, first_day, last_day FROM stories"
            )
        ],
    )


def _record_absorbed(store: StoryStore, absorbed: int, holder: int) -> None:
    """``absorbed`` now leads to ``holder``, and so does every id that led to ``absorbed``."""
    store.execute("UPDATE story_absorbed SET story = ? WHERE story = ?", (holder, absorbed))
    store.execute("INSERT OR REPLACE INTO story_absorbed (absorbed, story) VALUES (?, ?)", (absorbed, holder))
