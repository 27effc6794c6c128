"""Articles in, stories out: exact de-duplication, analysis, encoding and placement, batch by batch.

A batch is formed from articles not yet stored, in input order, and committed in one transaction, so
a run that was killed and is started again skips what was committed and re-forms the same batches:
the store ends up as an uninterrupted run would have left it. Analysis, encoding and placement of
consecutive batches overlap (``samestory.stories.preparation``).

With ``placement_workers`` > 1 (a backfill of a dated archive), prepared batches are held until a large part
of the input is ready and then placed in time shards by several processes (``samestory.stories.sharded``),
each shard committed in one transaction: a killed run loses at most the shards not yet written.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Literal, Protocol

import numpy as np

from samestory.articles.model import Article
from samestory.documents.encoders import Encoder
from samestory.documents.model import Document
from samestory.stories import neardup
from samestory.stories.engine import Placement, StoryEngine
from samestory.stories.preparation import (
    Failures,
    Preparer,
    ProcessPreparer,
    ThreadPreparer,
    prepare_each,
    process_workers_possible,
)
from samestory.stories.records import url_key
from samestory.stories.sharded import ShardedPlacer

INDEX_SAVE_SECONDS = 300.0
"""The vector index file is rewritten at least this often during a long ingest, so that after a crash
re-syncing it from SQLite adds minutes of articles, not hours."""
BATCH_SIZE = 64
"""Articles per transaction and per encoder call: large enough for the encoder, small enough to lose
little work to a crash."""

Status = Literal["new", "duplicate", "already_stored", "near_duplicate", "id_taken", "failed"]
"""duplicate: repeats an earlier article of this input; already_stored: repeats an article stored before this
run (a rerun after a crash); id_taken: another article already bears its id, so it is refused; failed: its
analysis or encoding raised an unexpected error (``Outcome.reason``), so it is not stored and the run goes on."""
STAGES = ("analysis", "waiting", "encoding", "placement")
Copy = tuple[Article, str | int | None]
"""An input article not to store: the stored key of the article it repeats (stored before this run), the
content hash of an earlier article of this run it repeats, or None when its id is already taken."""
Batch = tuple[list[Article], list[Copy]]
"""Articles to store, and the duplicates met while they were gathered."""
SHARD_BUFFER = 100_000
"""Prepared articles held for one time-sharded placement (``placement_workers`` > 1): shards must span many
time windows to be placed apart, so they are cut from a large part of the input (a few GB of documents)."""
PROCESS_WORKERS_AFTER = 8 * BATCH_SIZE
"""Articles prepared in threads before worker processes are started: loading the models in each worker
takes seconds, which only a long input repays (small runs, tests and ``cluster`` stay in threads)."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one input article; ``key`` is the stored article it is (or duplicates)."""

    article: Article
    key: int | None
    """None only for an article refused because its id is taken."""
    status: Status
    warnings: tuple[str, ...] = ()
    """What analysis could not do for it ("language not supported"), for the caller to show."""
    reason: str | None = None
    """Why it failed (status "failed")."""


@dataclass(slots=True)
class IngestSummary:
    new: int = 0
    duplicates: int = 0
    already_stored: int = 0
    near_duplicates: int = 0
    id_taken: int = 0
    failed: int = 0
    time_shards: int = 0
    """Time shards placed in parallel (``placement_workers`` > 1 on a long dated input); 0: placed sequentially."""
    stories: set[int] = field(default_factory=set)
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))
    """Time spent per stage: "analysis" and "encoding" run in worker threads (not counted once worker
    processes take over), the others in the caller's; "waiting" is the time the caller waited for them,
    so the stages overlap and do not add up to the wall time."""

    def timed(self, stage: str, started: float) -> None:
        self.seconds[stage] += time.perf_counter() - started

    def count(self, outcome: Outcome, placement: Placement | None) -> None:
        if outcome.status == "failed":
            self.failed += 1
            return
        if outcome.status in ("duplicate", "already_stored", "id_taken"):
            self.duplicates += outcome.status == "duplicate"
            self.already_stored += outcome.status == "already_stored"
            self.id_taken += outcome.status == "id_taken"
            return
        self.new += 1
        self.near_duplicates += outcome.status == "near_duplicate"
        if placement is not None:
            self.stories.add(placement.story)


@dataclass(frozen=True, slots=True)
class Prepared:
    """One batch ready to place: its articles and their documents, the duplicates met while it was formed, and
    the articles' MinHash signatures when the preparer made them."""

    articles: list[Article]
    documents: list[Document]
    copies: list[Copy]
    signatures: list[np.ndarray] | None = None
    failures: Failures = field(default_factory=list)
    """Articles of the batch that could not be prepared (named, with the error), left out of the others."""

    def signed(self) -> list[np.ndarray]:
        if self.signatures is not None:
            return self.signatures
        return [neardup.signature(article.full_text) for article in self.articles]


class StreamPreparer(Protocol):
    """A distributed engine's preparation: documents and signatures of each batch given, in order."""

    def prepare(self, batches: Iterable[list[Article]]) -> Iterator[tuple[list[Document], list[np.ndarray], Failures]]:
        """Takes every batch before it returns; the iterator gives their documents, signatures and the
        articles that could not be prepared (each with its error), in order."""
        ...

    def close(self) -> None: ...


def _done(documents: list[Document]) -> Future[list[Document]]:
    done: Future[list[Document]] = Future()
    done.set_result(documents)
    return done


class Ingestor:
    """Feeds articles to a ``StoryEngine``; iterate ``run`` to drive it and see each outcome."""

    def __init__(
        self,
        engine: StoryEngine,
        encoder: Encoder,
        batch_size: int = BATCH_SIZE,
        workers: int = 0,
        stream: Callable[[str], StreamPreparer] | None = None,
        on_stored: Callable[[list[Document]], None] | None = None,
        placement_workers: int = 1,
        shard_buffer: int = SHARD_BUFFER,
    ) -> None:
        self.engine = engine
        self.store = engine.store
        self.encoder = encoder
        self.batch_size = batch_size
        self.workers = workers
        """Worker processes for analysis and encoding once the input is long; 0 or 1: threads only."""
        self.stream = stream
        """Makes the preparer of a distributed engine (``RayDataPreparer``) from the encoder's name; it prepares
        every batch, instead of threads and processes."""
        self.summary = IngestSummary()
        self._saved_at = time.monotonic()
        self._seen: dict[str, str] = {}
        """Identity (content hash or URL key) → content hash of the first article of this run bearing it."""
        self._ids: set[str] = set()
        """Ids of the articles this run stores: a later, different article with one of them is refused."""
        self.on_stored = on_stored
        """Called with each committed batch's documents (``--prepared-out`` writes them to Parquet)."""
        self.placement_workers = placement_workers
        """Processes that place time shards at once (``stories.sharded``); 1: one sequential placement, batch
        by batch, each batch committed as soon as it is prepared."""
        self.shard_buffer = shard_buffer
        self._pending: list[Prepared] = []
        self._placer: ShardedPlacer | None = None
        self.known: dict[str, Document] = {}
        """Documents prepared before this run (a prepared-documents file), by content hash: their batches are
        placed without analysis or encoding. Whoever feeds the articles registers them just before."""

    def run(self, articles: Iterable[Article]) -> Iterator[Outcome]:
        """Store ``articles``, yielding each one's outcome once its batch is committed."""
        try:
            for prepared in self._streamed(articles) if self.stream else self._prepared_here(articles):
                self._pending.append(prepared)
                if self.placement_workers < 2 or sum(len(p.documents) for p in self._pending) >= self.shard_buffer:
                    yield from self._place_pending()
            yield from self._place_pending()
        finally:
            if self._placer is not None:
                self._placer.close()

    def _prepared_here(self, articles: Iterable[Article]) -> Iterator[Prepared]:
        """Batches prepared on this machine: while batch *i* is placed and written, the next batches are
        analysed and encoded by a ``Preparer``: threads at first, worker processes once the input proves long
        (``workers``)."""
        batches = self._batches(articles)
        preparers: list[Preparer] = [ThreadPreparer(self.encoder, self.summary.timed)]
        in_flight: deque[tuple[Batch, Future[list[Document]]]] = deque()
        submitted = 0
        try:
            while True:
                preparer = preparers[-1]
                if self._switch_to_processes(preparer, submitted):
                    preparer = ProcessPreparer(self.encoder.name, self.workers)  # threads finish their batches
                    preparers.append(preparer)
                while len(in_flight) < preparer.depth:
                    pending = next(batches, None)
                    if pending is None:
                        break
                    known = self._already_prepared(pending[0])
                    in_flight.append((pending, _done(known) if known is not None else preparer.submit(pending[0])))
                    submitted += len(pending[0])
                if not in_flight:
                    break
                (fresh, copies), future = in_flight.popleft()
                started = time.perf_counter()
                try:
                    documents, failures = future.result(), []
                except Exception:  # one article's error must not end the run: find it, prepare the others
                    fresh, documents, failures = prepare_each(fresh, self.encoder)
                self.summary.timed("waiting", started)
                yield Prepared(fresh, documents, copies, failures=failures)
        finally:
            for _, future in in_flight:
                future.cancel()
            for preparer in preparers:
                preparer.close()

    def _streamed(self, articles: Iterable[Article]) -> Iterator[Prepared]:
        """Batches prepared by a distributed engine (``RayDataPreparer``), which takes every batch to prepare
        before it gives the first back; the batches' duplicates and documents prepared before wait here."""
        assert self.stream is not None
        preparer = self.stream(self.encoder.name)
        plan: list[tuple[list[Copy], list[Document] | None]] = []

        def to_prepare() -> Iterator[list[Article]]:
            for fresh, copies in self._batches(articles):
                known = self._already_prepared(fresh) if fresh else []
                plan.append((copies, known))
                if known is None:
                    yield fresh

        try:
            results = preparer.prepare(to_prepare())  # the whole plan is known once it returns
            for copies, known in plan:
                if known is not None:
                    yield Prepared([d.article for d in known], known, copies)
                    continue
                started = time.perf_counter()
                documents, signatures, failures = next(results)
                self.summary.timed("waiting", started)
                yield Prepared([d.article for d in documents], documents, copies, signatures, failures)
        finally:
            preparer.close()

    def _already_prepared(self, articles: list[Article]) -> list[Document] | None:
        """The batch's documents when every one of them was prepared before this run."""
        if not articles or not all(a.content_hash in self.known for a in articles):
            return None
        return [self.known.pop(a.content_hash) for a in articles]

    def _switch_to_processes(self, preparer: Preparer, submitted: int) -> bool:
        return (
            isinstance(preparer, ThreadPreparer)
            and self.workers > 1
            and submitted >= PROCESS_WORKERS_AFTER
            and process_workers_possible(self.encoder)
        )

    def _batches(self, articles: Iterable[Article]) -> Iterator[Batch]:
        """Batches of articles to store, each with the duplicates met while it was being formed.

        A duplicate is given as the key of the stored article it repeats, or, when that article came
        earlier in this run and may not be stored yet, as its content hash.
        """
        fresh: list[Article] = []
        copies: list[Copy] = []
        for article in articles:
            identities = [article.content_hash, *filter(None, [url_key(article.url)])]
            first = next((self._seen[i] for i in identities if i in self._seen), None)
            if first is not None:
                if first != article.content_hash:  # an exact repeat shares its original's prepared document
                    self.known.pop(article.content_hash, None)
                copies.append((article, first))
                continue
            existing = self.store.existing_key(article.content_hash, article.url)
            if existing is not None or article.id in self._ids or self.store.keys_for_id(article.id):
                self.known.pop(article.content_hash, None)
                copies.append((article, existing))
                continue
            self._ids.add(article.id)
            for identity in identities:
                self._seen[identity] = article.content_hash
            fresh.append(article)
            if len(fresh) >= self.batch_size:
                yield fresh, copies
                fresh, copies = [], []
        if fresh or copies:
            yield fresh, copies

    def _place_pending(self) -> Iterator[Outcome]:
        """Place and store the prepared batches held so far, then report their duplicates."""
        pending, self._pending = self._pending, []
        yield from self._store_batch(
            [article for batch in pending for article in batch.articles],
            [document for batch in pending for document in batch.documents],
            [signature for batch in pending for signature in batch.signed()],
        )
        for batch in pending:
            for article, reason in batch.failures:
                yield self._failed(article, reason)
            yield from self._resolve(batch.copies)
        self._save_index_now_and_then()

    def _store_batch(
        self, articles: list[Article], documents: list[Document], signatures: list[np.ndarray]
    ) -> Iterator[Outcome]:
        if not documents:
            return
        started = time.perf_counter()
        if self.placement_workers > 1:
            self._placer = self._placer or ShardedPlacer(self.engine, self.placement_workers)
            placements = self._placer.place(documents, signatures)
            if len(self._placer.shard_sizes) > 1:
                self.summary.time_shards += len(self._placer.shard_sizes)
        else:
            placements = self.engine.place_batch(documents, signatures)
        self.summary.timed("placement", started)
        if self.on_stored is not None:
            self.on_stored(documents)
        for article, document, placement in zip(articles, documents, placements, strict=True):
            status: Status = "near_duplicate" if placement.duplicate_of is not None else "new"
            outcome = Outcome(article, placement.key, status, tuple(document.warnings))
            self.summary.count(outcome, placement)
            yield outcome

    def _save_index_now_and_then(self) -> None:
        if time.monotonic() - self._saved_at >= INDEX_SAVE_SECONDS and not self.store.readonly:
            self.store.save_index()
            self._saved_at = time.monotonic()

    def _failed(self, article: Article, reason: str) -> Outcome:
        outcome = Outcome(article, None, "failed", reason=reason)
        self.summary.count(outcome, None)
        return outcome

    def _resolve(self, copies: list[Copy]) -> Iterator[Outcome]:
        """Duplicates are reported once their original is stored."""
        for article, original in copies:
            if original is None:
                outcome = Outcome(article, None, "id_taken")
            elif isinstance(original, int):
                outcome = Outcome(article, original, "already_stored")
            else:
                key = self.store.existing_key(original, None)
                if key is None:  # its original could not be prepared (reported as failed before it)
                    yield self._failed(article, "repeats an article of this input that could not be analysed")
                    continue
                outcome = Outcome(article, key, "duplicate")
            self.summary.count(outcome, None)
            yield outcome
