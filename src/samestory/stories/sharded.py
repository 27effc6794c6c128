"""Time-sharded placement: a long, dated input placed by several processes at once, then joined.

Placement is an ingest's one sequential step: each article is judged against the stories placed before
it. But a story lives within a time window: an article is only compared with stored articles less than
``EngineConfig.window_days`` from it. So the date-ordered input can be cut into consecutive time shards,
each placed by its own engine on a store of its own in a worker process, and only what lies near a cut
needs deciding again, against everything placed before the cut, with the same candidate search and pair
scorer as one sequential run (``StoryEngine.story_scores``):

* a shard's story whose earliest members lie within the window of the cut joins the story before the cut
  that the first of them to pass the same-story threshold would have joined in a sequential run;
* every article of a shard is looked up in the near-duplicate index of everything placed before it, so a
  copy is linked to its earliest original in whichever shard that is;
* the topics of a shard join the topics before the cut that its boundary articles link to.

Undated articles have no place on the timeline: they are placed after the shards, one batch after another,
as a sequential run places them (last). Each shard is written to the store in bulk, in one transaction.
The cut needs shards much longer than the window: an input spanning less than ``MIN_SPAN_WINDOWS`` windows
per worker is placed sequentially.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import threading
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

import numpy as np

from samestory.documents.encoders import encoder_threads
from samestory.documents.model import Document
from samestory.stories.engine import EngineConfig, Placement, StoryEngine, published_day, timeline_position
from samestory.stories.preparation import exit_with_parent
from samestory.stories.similarity import PairSimilarity
from samestory.stories.store import NewArticle, StoryGrowth, StoryStore

PLACEMENT_BATCH = 64
"""Articles a shard's engine places per transaction, as ingest does."""
MIN_SPAN_WINDOWS = 4.0
"""A shard must span at least this many time windows: otherwise most of it lies near a cut and is decided
twice, which costs more than sharding saves."""


@dataclass(frozen=True, slots=True)
class LocalPlacement:
    """Where a shard's own engine put one of its articles: story and topic numbers of the shard's store."""

    story: int
    topic: int
    score: float | None
    copy_of: int | None
    """Position in the shard of the article this one copies."""


def place_shard(
    documents: list[Document], signatures: list[np.ndarray], scorer: PairSimilarity, config: EngineConfig
) -> list[LocalPlacement]:
    """Place one shard (date-ordered) on an in-memory store of its own, as a sequential run would."""
    dim = int(documents[0].head_vector.shape[0]) if documents else 512  # type: ignore[union-attr]
    store = StoryStore.open(None, encoder=scorer.encoder, dim=dim)
    engine = StoryEngine(store, scorer, config)
    placed: list[Placement] = []
    for start in range(0, len(documents), PLACEMENT_BATCH):
        end = start + PLACEMENT_BATCH
        placed.extend(engine.place_batch(documents[start:end], signatures[start:end]))
    final = store.placements(p.key for p in placed)  # topics merge as a shard grows: their final numbers
    store.close()
    position = {p.key: i for i, p in enumerate(placed)}
    copies = [None if p.duplicate_of is None else position[p.duplicate_of] for p in placed]
    return [
        LocalPlacement(final[p.key].story, final[p.key].topic, p.score, copy_of)
        for p, copy_of in zip(placed, copies, strict=True)
    ]


def cut_timeline(days: Sequence[float], shards: int) -> list[range]:
    """Positions of date-ordered articles cut into ``shards`` runs of about equal length; a cut never
    separates two articles of the same day."""
    cuts = [0]
    for part in range(1, shards):
        cut = max(cuts[-1], round(len(days) * part / shards))
        while 0 < cut < len(days) and days[cut] == days[cut - 1]:
            cut += 1
        cuts.append(min(cut, len(days)))
    cuts.append(len(days))
    return [range(a, b) for a, b in itertools.pairwise(cuts) if b > a]


class ShardedPlacer:
    """Places a collection of documents in time shards on ``workers`` processes, joined into ``engine``'s
    store. ``close`` stops the processes (the pool is kept across calls: starting one takes seconds)."""

    def __init__(self, engine: StoryEngine, workers: int) -> None:
        self.engine = engine
        self.store = engine.store
        self.workers = max(1, workers)
        self._pool: ProcessPoolExecutor | None = None
        self.shard_sizes: list[int] = []
        """Articles in each shard of the last ``place`` (one shard: placed sequentially)."""

    def place(self, documents: list[Document], signatures: list[np.ndarray]) -> list[Placement]:
        """Placements of ``documents`` (in their order); dated ones sharded, undated ones placed last."""
        order = sorted(range(len(documents)), key=lambda i: (timeline_position(documents[i]), i))
        dated = [i for i in order if documents[i].article.published is not None]
        undated = [i for i in order if documents[i].article.published is None]
        placements: dict[int, Placement] = {}
        shards = self._shards(dated, documents)
        self.shard_sizes = [len(shard) for shard in shards]
        sequential = order  # everything, when the input is not cut
        if len(shards) > 1:
            futures = [self._submit([documents[i] for i in s], [signatures[i] for i in s]) for s in shards]
            for shard, future in zip(shards, futures, strict=True):
                joined = self._join([documents[i] for i in shard], [signatures[i] for i in shard], future.result())
                placements.update(zip(shard, joined, strict=True))
            sequential = undated
        for start in range(0, len(sequential), PLACEMENT_BATCH):
            chunk = sequential[start : start + PLACEMENT_BATCH]
            placed = self.engine.place_batch([documents[i] for i in chunk], [signatures[i] for i in chunk])
            placements.update(zip(chunk, placed, strict=True))
        return [placements[i] for i in range(len(documents))]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def _shards(self, dated: list[int], documents: list[Document]) -> list[list[int]]:
        days = [timeline_position(documents[i]) for i in dated]
        if self.workers < 2 or not days:
            return [dated]
        span = days[-1] - days[0]
        count = min(self.workers, int(span // (MIN_SPAN_WINDOWS * self.engine.config.window_days)))
        return [[dated[p] for p in part] for part in cut_timeline(days, max(1, count))]

    def _submit(self, documents: list[Document], signatures: list[np.ndarray]) -> Future[list[LocalPlacement]]:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),  # no fork: this process holds SQLite
                initializer=_start_shard_worker,
                initargs=(os.getpid(),),
            )
        return self._pool.submit(place_shard, documents, signatures, self.engine.scorer, self.engine.config)

    def _join(
        self, documents: list[Document], signatures: list[np.ndarray], local: list[LocalPlacement]
    ) -> list[Placement]:
        """Write one placed shard after everything before it, deciding again what lies near the cut."""
        with self.store.transaction():
            empty = self.store.count() == 0
            originals = {} if empty else self._copies_of_earlier(signatures, local)
            continued, nearby_topics = ({}, {}) if empty else self._continued_stories(documents, local, originals)
            return self._write(documents, signatures, local, originals, continued, nearby_topics)

    def _copies_of_earlier(self, signatures: list[np.ndarray], local: list[LocalPlacement]) -> dict[int, int]:
        """Shard positions of the articles that copy an article placed before the shard → that original."""
        found: dict[int, int] = {}
        for position, (signature, where) in enumerate(zip(signatures, local, strict=True)):
            if where.copy_of is None and (original := self.store.near_duplicates.find(signature)) is not None:
                found[position] = original
        stored = self.store.placements(found.values())
        return {p: stored[k].duplicate_of or k for p, k in found.items()}

    def _continued_stories(
        self, documents: list[Document], local: list[LocalPlacement], originals: dict[int, int]
    ) -> tuple[dict[int, tuple[int, int, float]], dict[int, list[int]]]:
        """The shard's stories that continue a story before the cut (local story → story, topic, score), and the
        topics near each local topic's boundary articles."""
        config = self.engine.config
        start = timeline_position(documents[0])
        boundary: dict[int, list[int]] = defaultdict(list)
        for position, (document, where) in enumerate(zip(documents, local, strict=True)):
            published = document.article.published
            near_cut = published is not None and published.ordinal - published.uncertainty_days - start <= (
                config.window_days
            )
            if near_cut and where.copy_of is None and position not in originals:
                members = boundary[where.story]
                if len(members) < config.members_per_story:
                    members.append(position)
        continued: dict[int, tuple[int, int, float]] = {}
        nearby_topics: dict[int, list[int]] = defaultdict(list)
        threshold = self.engine.scorer.thresholds.same_story
        for story, members in boundary.items():
            for position in members:
                candidates = self.engine.story_scores(documents[position])
                nearby_topics[local[position].topic].extend(candidates.topics)
                best = next((s for s in candidates.stories if s.score >= threshold), None)
                if best is not None:
                    continued[story] = (best.story, best.topic, best.score)
                    break
        return continued, nearby_topics

    def _write(
        self,
        documents: list[Document],
        signatures: list[np.ndarray],
        local: list[LocalPlacement],
        originals: dict[int, int],
        continued: dict[int, tuple[int, int, float]],
        nearby_topics: dict[int, list[int]],
    ) -> list[Placement]:
        """The shard's articles in bulk, in stories and topics of the store."""
        store = self.store
        topics = self._store_topics(local, continued)
        stories: dict[int, int] = {story: target for story, (target, _, _) in continued.items()}
        first_key = store.next_article_key()
        copied = store.placements(set(originals.values()))
        rows: list[NewArticle] = []
        placements: list[Placement] = []
        for position, (document, signature, where) in enumerate(zip(documents, signatures, local, strict=True)):
            root = self._root(position, where, originals, first_key)
            if root is not None:
                story = copied[root].story if root in copied else rows[root - first_key].story
                topic = copied[root].topic if root in copied else placements[root - first_key].topic
                score: float | None = 1.0
            else:
                if where.story not in stories:
                    stories[where.story], topics[where.topic] = store.create_story(
                        published_day(document), topics.get(where.topic)
                    )
                story, topic, score = stories[where.story], topics[where.topic], where.score
                if where.story in continued and score is None:  # the story's first member joined across the cut
                    score = continued[where.story][2]
            rows.append(NewArticle(document, signature, story, root, score))
            placements.append(Placement(first_key + position, story, topic, score, root))
        store.insert_articles(rows, store.next_batch_number(), first_key)
        store.grow_stories(_growth(rows))
        store.add_to_topics(_topic_additions(rows, placements))
        members = {where.topic: stories[where.story] for where in local if where.story in stories}
        for local_topic, nearby in nearby_topics.items():  # a link may merge away a topic: look it up anew
            self.engine.link_topics(store.topic_of(members[local_topic]), nearby)
        return placements

    def _store_topics(
        self, local: list[LocalPlacement], continued: dict[int, tuple[int, int, float]]
    ) -> dict[int, int]:
        """Local topic → the store's topic, for local topics with a story continuing one before the cut (the
        store's topics they meet become one)."""
        topics: dict[int, int] = {}
        for where in local:
            if where.story in continued:
                target = continued[where.story][1]
                if where.topic in topics and topics[where.topic] != target:
                    keep, absorbed = sorted((topics[where.topic], target))
                    self.store.merge_topics(keep, absorbed)
                    topics = {t: keep if s == absorbed else s for t, s in topics.items()}
                    target = keep
                topics[where.topic] = target
        return topics

    @staticmethod
    def _root(position: int, where: LocalPlacement, originals: dict[int, int], first_key: int) -> int | None:
        """The stored key of the earliest original a shard article copies, if it copies one."""
        if position in originals:
            return originals[position]
        if where.copy_of is None:
            return None
        return originals.get(where.copy_of, first_key + where.copy_of)


def _growth(rows: list[NewArticle]) -> dict[int, StoryGrowth]:
    days: dict[int, list[float | None]] = defaultdict(list)
    for row in rows:
        days[row.story].append(published_day(row.document))
    growth = {}
    for story, values in days.items():
        dated = [d for d in values if d is not None]
        growth[story] = StoryGrowth(len(values), min(dated, default=None), max(dated, default=None))
    return growth


def _topic_additions(rows: list[NewArticle], placements: list[Placement]) -> dict[int, tuple[int, np.ndarray]]:
    """Each topic's new articles and the sum of their vectors; copies are left out (they would count twice)."""
    additions: dict[int, tuple[int, np.ndarray]] = {}
    for row, placement in zip(rows, placements, strict=True):
        if row.duplicate_of is None:
            count, total = additions.get(placement.topic, (0, 0.0))
            additions[placement.topic] = (count + 1, total + row.document.head_vector)  # type: ignore[operator]
    return additions  # type: ignore[return-value]


def _start_shard_worker(parent: int) -> None:
    """One BLAS thread per worker (the workers are the parallelism); exit when the ingest is gone."""
    encoder_threads(1)
    threading.Thread(target=exit_with_parent, args=(parent,), daemon=True).start()
