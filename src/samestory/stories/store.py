"""The story store: one SQLite file (WAL) holding articles, their analysed keys, vectors and stories.

SQLite is the source of truth. The vector index beside it (``PATH.vectors/``) and the near-duplicate
LSH table are caches rebuilt or repaired from SQLite on open, so a crash at any moment loses at most the
batch being written, which was never committed and is simply ingested again.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import numpy as np

from samestory.documents.encoders import pack_vector, unpack_vector
from samestory.documents.model import Document
from samestory.errors import CorruptStoreError, StoreError
from samestory.index.timeline import TimelineIndex
from samestory.stories import neardup
from samestory.stories.records import document_from_row, features_to_json, url_key

FORMAT = "samestory-story-store"
SCHEMA_VERSION = 2
"""2: title vectors and weighted terms (the pair judgement reads them); no sentence vectors."""
SQLITE_HEADER = b"SQLite format 3\x00"
INDEX_SUFFIX = ".vectors"
"""The folder of the vector index's blocks, beside the store file."""
_OLD_INDEX_SUFFIX = ".usearch"
"""The one-file index of earlier versions: a cache, removed when a writer opens the store."""
PAGE_SIZE = 32_768
"""SQLite page size of new stores. An article row (vectors, signature, keys, text) is 3–4 KB, and only whole
rows share a page: with SQLite's default 4 KB pages each row took a page of its own, with 16 KB pages four rows
left 645 bytes an article unused, with 32 KB pages 191 (``dbstat`` on ``benchmarks/stories_scale.py``'s
100,000-article store, docs/stories.md). The price: a row read copies a larger page (64 random look-ups of
placement took 0.56–0.58 ms instead of 0.38–0.49)."""
_DOCUMENT_CACHE = 4096
"""Rebuilt Documents kept in memory: recent articles are the likeliest candidates of the next ones."""

SCHEMA = """
CREATE TABLE samestory_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE topics (
    id INTEGER PRIMARY KEY,
    size INTEGER NOT NULL DEFAULT 0,
    vector_sum BLOB
);
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    topic INTEGER NOT NULL REFERENCES topics(id),
    size INTEGER NOT NULL DEFAULT 0,
    first_day REAL,
    last_day REAL
);
CREATE INDEX stories_topic ON stories(topic);
CREATE TABLE articles (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    url TEXT,
    url_key TEXT UNIQUE,
    source TEXT,
    outlet TEXT,
    lang TEXT NOT NULL,
    lang_confidence REAL NOT NULL,
    title TEXT,
    text TEXT NOT NULL,
    published TEXT,
    precision TEXT,
    day REAL,
    entities TEXT NOT NULL,
    places TEXT NOT NULL,
    dates TEXT NOT NULL,
    numbers TEXT NOT NULL,
    head_vector BLOB NOT NULL,
    title_vector BLOB NOT NULL,
    terms BLOB NOT NULL,
    minhash BLOB NOT NULL,
    story INTEGER NOT NULL REFERENCES stories(id),
    duplicate_of INTEGER REFERENCES articles(key),
    score REAL,
    batch INTEGER NOT NULL,
    ingested_at TEXT NOT NULL,
    second_vector BLOB
);
CREATE INDEX articles_id ON articles(id);
CREATE INDEX articles_story ON articles(story);
CREATE INDEX articles_day ON articles(day);
"""
CORRECTIONS = """
CREATE TABLE IF NOT EXISTS story_corrections (
    id INTEGER PRIMARY KEY,
    action TEXT NOT NULL,
    story INTEGER NOT NULL,
    other INTEGER,
    articles TEXT NOT NULL DEFAULT '',
    who TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS story_absorbed (absorbed INTEGER PRIMARY KEY, story INTEGER NOT NULL);
"""
"""People's corrections (``samestory.stories.corrections``): added to every store a writer opens, so stores of
the same schema version without them simply have none."""
NEAR_DUPLICATE_BANDS = """
CREATE TABLE IF NOT EXISTS minhash_bands (
    band INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    key INTEGER NOT NULL,
    PRIMARY KEY (band, bucket, key)
) WITHOUT ROWID;
"""
"""The near-duplicate index's LSH buckets (``neardup``), one row per band of each article's signature: on disk,
so a writer's memory does not grow with the store. A writer adds the table to a store that lacks it and fills
it from the stored signatures once."""


_UNCERTAINTY = {"day": 0.5, "month": 15.0, "year": 182.0}
"""Half-width in days of a publication date of each precision (as ``PublishedDate.uncertainty_days``)."""


@dataclass(frozen=True, slots=True)
class StoredPlacement:
    """Where a stored article is, and when it was published (ordinal day, or None when undated)."""

    story: int
    topic: int
    duplicate_of: int | None
    day: float | None
    uncertainty_days: float


@dataclass(frozen=True, slots=True)
class NewArticle:
    """An analysed article on its way into the store, with where placement put it."""

    document: Document
    signature: np.ndarray
    story: int
    duplicate_of: int | None = None
    score: float | None = None

    def columns(self) -> tuple[Any, ...]:
        """The article row's values from ``id`` to ``score``, in the table's column order, then the second
        vector (the precise mode's; NULL in other stores)."""
        document, article = self.document, self.document.article
        published = article.published
        features = features_to_json(document)
        return (
            article.id, article.content_hash, article.url, url_key(article.url), article.source,
            article.outlet, document.lang, document.lang_confidence, article.title, article.text,
            published.iso() if published else None, published.precision if published else None,
            published.ordinal if published else None, features["entities"], features["places"],
            features["dates"], features["numbers"], pack_vector(document.head_vector),  # type: ignore[arg-type]
            pack_vector(document.title_vector), document.terms.to_bytes(),  # type: ignore[arg-type]
            self.signature.astype("<u2").tobytes(), self.story, self.duplicate_of, self.score,
            None if document.second_vector is None else pack_vector(document.second_vector),
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class StoryGrowth:
    """New members of one story: how many, and the earliest and latest of their days (None when undated)."""

    members: int
    first_day: float | None
    last_day: float | None


class StoryStore:
    """Open with ``StoryStore.open(path)`` (``None``: in memory, for stateless clustering)."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        path: Path | None,
        dim: int,
        readonly: bool,
        lock: WriterLock | None = None,
    ) -> None:
        self.connection = connection
        self._lock = lock
        self.path = path
        self.dim = dim
        self.readonly = readonly
        self._vectors: TimelineIndex | None = None
        self.repaired = 0
        self._near_duplicates: neardup.NearDuplicateIndex | None = None
        self._documents: OrderedDict[int, Document] = OrderedDict()

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(
        cls,
        path: str | Path | None,
        *,
        create: bool = True,
        readonly: bool = False,
        encoder: str = "use",
        dim: int = 512,
    ) -> StoryStore:
        """Open (or create) a store; a file that is not a samestory store is refused, never touched."""
        if path is None:
            connection = _connect(":memory:")
            _create_schema(connection, encoder, dim)
            return cls(connection, None, dim, readonly=False)
        path = Path(path)
        if path.is_dir():
            raise StoreError(f"{path} is a directory: give the path of a store file, e.g. {path / 'stories.db'}")
        exists = path.exists() and path.stat().st_size > 0
        if not exists and not create:
            raise StoreError(f"no story store at {path}: create one with 'samestory ingest --db {path} FILES'")
        if exists:
            meta = _validate_existing(path)
            encoder, dim = meta.get("encoder", encoder), int(meta.get("dim", dim))
        lock = None if readonly else WriterLock.acquire(path)
        try:
            connection = _connect(path, readonly=readonly and exists)
            if not exists:
                _create_schema(connection, encoder, dim)
            elif not readonly:
                connection.executescript(CORRECTIONS + NEAR_DUPLICATE_BANDS)
                _add_second_vector_column(connection)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        store = cls(connection, path, dim, readonly=readonly, lock=lock)
        if not store.readonly:
            store._bring_near_duplicates_up_to_date()
        return store

    def close(self) -> None:
        try:
            if not self.readonly:
                self.save_index()
            self.connection.close()
        finally:
            if self._lock is not None:
                self._lock.release()

    @property
    def vectors(self) -> TimelineIndex:
        """The nearest-neighbour index, loaded on first use and repaired from SQLite if out of step."""
        if self._vectors is None:
            if self.path is not None and not self.readonly:
                self.path.with_name(self.path.name + _OLD_INDEX_SUFFIX).unlink(missing_ok=True)
            folder = None if self.path is None else self.path.with_name(self.path.name + INDEX_SUFFIX)
            self._vectors = TimelineIndex(self.dim, folder)
            self.repaired = self._vectors.sync(self.index_days, self.head_vectors)
            if self.repaired and not self.readonly:
                self._vectors.save()
        return self._vectors

    def __enter__(self) -> StoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def save_index(self) -> None:
        if self._vectors is not None:
            self._vectors.save()

    # -------------------------------------------------------------------- meta
    def meta(self, key: str, default: str | None = None) -> str | None:
        row = self.connection.execute("SELECT value FROM samestory_meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        self.connection.execute("INSERT OR REPLACE INTO samestory_meta (key, value) VALUES (?, ?)", (key, value))

    @property
    def encoder(self) -> str:
        return self.meta("encoder", "use") or "use"

    # -------------------------------------------------------------- batches
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One batch, all or nothing: the caches are told to forget what a rollback undid."""
        added_before = len(self._vectors) if self._vectors is not None else -1
        try:
            self.connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise StoreError(f"{self.path or 'the store'} cannot be written ({error})") from error
        try:
            yield
            self.connection.execute("COMMIT")
        except BaseException as error:
            if self.connection.in_transaction:
                self.connection.execute("ROLLBACK")
            self._forget_uncommitted(added_before)
            if isinstance(error, sqlite3.OperationalError):  # disk full, I/O error, lock timeout
                raise StoreError(
                    f"{self.path or 'the store'} cannot be written ({error}); nothing of this batch was kept"
                ) from error
            raise

    def _forget_uncommitted(self, size_before: int) -> None:
        if self._vectors is not None and len(self._vectors) != size_before:
            self._vectors.sync(self.index_days, self.head_vectors)
        self._near_duplicates = None
        self._documents.clear()

    def next_batch_number(self) -> int:
        number = int(self.meta("batches", "0") or 0) + 1
        self.set_meta("batches", str(number))
        return number

    # ------------------------------------------------------------ article rows
    def keys(self) -> np.ndarray:
        rows = self.connection.execute("SELECT key FROM articles ORDER BY key").fetchall()
        return np.array([r[0] for r in rows], dtype=np.int64)

    def index_days(self) -> tuple[np.ndarray, np.ndarray]:
        """Every key and the day the vector index files it under: NaN unless the date is exact to the day."""
        rows = self.connection.execute(
            "SELECT key, CASE WHEN precision IS NULL OR precision = 'day' THEN day END FROM articles ORDER BY key"
        ).fetchall()
        keys = np.array([r[0] for r in rows], dtype=np.int64)
        return keys, np.array([np.nan if r[1] is None else r[1] for r in rows], dtype=np.float64)

    def count(self) -> int:
        return int(self.connection.execute("SELECT count(*) FROM articles").fetchone()[0])

    def head_vectors(self, keys: np.ndarray) -> np.ndarray:
        wanted = [int(k) for k in keys]
        found: dict[int, np.ndarray] = {}
        for chunk in _chunks(wanted, 900):
            marks = ",".join("?" * len(chunk))
            for key, blob in self.connection.execute(
                f"SELECT key, head_vector FROM articles WHERE key IN ({marks})", chunk
            ):
                found[key] = unpack_vector(blob)
        return np.stack([found[k] for k in wanted]) if wanted else np.zeros((0, self.dim), np.float32)

    def existing_key(self, content_hash: str, url: str | None) -> int | None:
        """The stored article with this content or this URL, if any: such an article is not stored twice."""
        row = self.connection.execute("SELECT key FROM articles WHERE content_hash = ?", (content_hash,)).fetchone()
        if row is None and (key := url_key(url)) is not None:
            row = self.connection.execute("SELECT key FROM articles WHERE url_key = ?", (key,)).fetchone()
        return int(row[0]) if row else None

    def keys_for_id(self, article_id: str) -> list[int]:
        rows = self.connection.execute("SELECT key FROM articles WHERE id = ? ORDER BY key", (article_id,))
        return [int(r[0]) for r in rows]

    def insert_article(
        self,
        document: Document,
        signature: np.ndarray,
        story: int,
        batch: int,
        duplicate_of: int | None = None,
        score: float | None = None,
    ) -> int:
        row = NewArticle(document, signature, story, duplicate_of, score)
        return self.insert_articles([row], batch, self.next_article_key())[0]

    def next_article_key(self) -> int:
        """The key the next inserted article gets (keys only grow, so they follow insertion order)."""
        return int(self.connection.execute("SELECT coalesce(max(key), 0) + 1 FROM articles").fetchone()[0])

    def insert_articles(self, rows: list[NewArticle], batch: int, first_key: int) -> list[int]:
        """Insert articles under consecutive keys from ``first_key`` (so that a row's ``duplicate_of`` may name
        an earlier row of the same call), with their vectors and near-duplicate buckets, in one go."""
        index = self.vectors  # loaded (and synced with SQLite) before these rows exist
        keys = list(range(first_key, first_key + len(rows)))
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        self.connection.executemany(
            "INSERT INTO articles (key, id, content_hash, url, url_key, source, outlet, lang, lang_confidence, title,"
            " text, published, precision, day, entities, places, dates, numbers, head_vector, title_vector, terms,"
            " minhash, story, duplicate_of, score, second_vector, batch, ingested_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(key, *row.columns(), batch, now) for key, row in zip(keys, rows, strict=True)],
        )
        if rows:
            vectors = np.stack([row.document.head_vector for row in rows])  # type: ignore[misc]
            index.add(np.array(keys, dtype=np.int64), vectors, np.array([index_day(r.document) for r in rows]))
            signatures = [row.signature for row in rows]
            self.near_duplicates.insert_many(zip(keys, signatures, strict=True))
        return keys

    def documents(self, keys: Iterable[int], remember: bool = True) -> dict[int, Document]:
        """Lightweight Documents of stored articles, cached: placement's candidates recur (the articles just
        placed). ``remember=False`` leaves the cache as it is, for one-off reads such as ``similar``'s
        candidates in a large store: each cached Document is a few dozen Python objects, and a cache that keeps
        turning over makes the interpreter's full garbage collections both frequent and slow (≈ 60 ms with
        4,096 Documents: the p99 of ``similar``, docs/stories.md)."""
        wanted = list(dict.fromkeys(int(k) for k in keys))
        found = {k: self._documents[k] for k in wanted if k in self._documents}
        missing = [k for k in wanted if k not in found]
        for chunk in _chunks(missing, 900):
            marks = ",".join("?" * len(chunk))
            for row in self.connection.execute(f"SELECT * FROM articles WHERE key IN ({marks})", chunk):
                found[row["key"]] = document_from_row(row)
        if remember:
            for key in found:
                self._remember(key, found[key])
        return {k: found[k] for k in wanted if k in found}

    def _remember(self, key: int, document: Document) -> None:
        self._documents[key] = document
        self._documents.move_to_end(key)
        while len(self._documents) > _DOCUMENT_CACHE:
            self._documents.popitem(last=False)

    def placements(self, keys: Iterable[int]) -> dict[int, StoredPlacement]:
        """Story, topic, copy link and date of stored articles, read fresh (topics merge as the store grows)."""
        result: dict[int, StoredPlacement] = {}
        for chunk in _chunks(list(dict.fromkeys(int(k) for k in keys)), 900):
            marks = ",".join("?" * len(chunk))
            query = (
                "SELECT a.key, a.story, s.topic, a.duplicate_of, a.day, a.precision"
                f" FROM articles a JOIN stories s ON s.id = a.story WHERE a.key IN ({marks})"
            )
            for key, story, topic, duplicate_of, day, precision in self.connection.execute(query, chunk):
                uncertainty = _UNCERTAINTY.get(precision or "day", 0.5)
                result[key] = StoredPlacement(story, topic, duplicate_of, day, uncertainty)
        return result

    # ----------------------------------------------------------- near-duplicates
    @property
    def near_duplicates(self) -> neardup.NearDuplicateIndex:
        """The LSH index over this store's bucket rows; for a read-only store written before they existed, a
        table in memory built from the stored signatures."""
        if self._near_duplicates is None:
            if self.meta("minhash_bands") == neardup.band_scheme():
                self._near_duplicates = neardup.NearDuplicateIndex(self)
            else:
                self._near_duplicates = neardup.NearDuplicateIndex()
                for chunk in self._stored_signatures():
                    self._near_duplicates.insert_many(chunk)
        return self._near_duplicates

    def _stored_signatures(self, chunk: int = 10_000) -> Iterator[list[tuple[int, np.ndarray]]]:
        """Every stored signature, a chunk at a time (a store of millions does not fit them all at once)."""
        cursor = self.connection.execute("SELECT key, minhash FROM articles ORDER BY key")
        while rows := cursor.fetchmany(chunk):
            yield [(key, neardup.signature_from_bytes(blob)) for key, blob in rows]

    def add_buckets(self, rows: list[tuple[int, int, int]], signatures: dict[int, np.ndarray]) -> None:
        """Bucket rows of ``neardup``'s index; the signatures are already in the article rows."""
        self.connection.executemany("INSERT OR IGNORE INTO minhash_bands (band, bucket, key) VALUES (?, ?, ?)", rows)

    def keys_in_buckets(self, buckets: list[tuple[int, int]]) -> list[int]:
        """Keys under any of the buckets: one indexed range read per band (the primary key leads with both)."""
        query = " UNION ALL ".join(["SELECT key FROM minhash_bands WHERE band = ? AND bucket = ?"] * len(buckets))
        return [key for (key,) in self.connection.execute(query, [v for pair in buckets for v in pair])]

    def _bring_near_duplicates_up_to_date(self) -> None:
        """Signatures of the current scheme, and their buckets: recomputed once for a store written by an older
        version (another datasketch scheme, or no bucket table yet)."""
        if self.meta("minhash") != neardup.scheme():
            self._resign()
        if self.meta("minhash_bands") != neardup.band_scheme():
            with self.transaction():
                self.connection.execute("DELETE FROM minhash_bands")
                index = neardup.NearDuplicateIndex(self)
                for chunk in self._stored_signatures():
                    index.insert_many(chunk)
                self.set_meta("minhash_bands", neardup.band_scheme())

    def signatures(self, keys: list[int]) -> dict[int, np.ndarray]:
        """Stored MinHash signatures of some articles."""
        found: dict[int, np.ndarray] = {}
        for chunk in _chunks(keys, 900):
            marks = ",".join("?" * len(chunk))
            for key, blob in self.connection.execute(
                f"SELECT key, minhash FROM articles WHERE key IN ({marks})", chunk
            ):
                found[key] = neardup.signature_from_bytes(blob)
        return found

    def _resign(self) -> None:
        """Recompute every signature: they were made by another datasketch scheme and cannot be compared."""
        with self.transaction():
            rows = self.connection.execute("SELECT key, title, text FROM articles").fetchall()
            for key, title, text in rows:
                full = f"{title}\n{text}" if title and not text.startswith(title) else text
                blob = neardup.signature(full).tobytes()
                self.connection.execute("UPDATE articles SET minhash = ? WHERE key = ?", (blob, key))
            self.set_meta("minhash", neardup.scheme())
            self.set_meta("minhash_bands", "")  # new signatures need new buckets

    # ------------------------------------------------------------------ stories
    def create_story(self, day: float | None, topic: int | None = None) -> tuple[int, int]:
        """A new story in ``topic``, or in a new topic of its own; returns (story, topic)."""
        story = self.next_story_id()
        if topic is None:
            topic = story
            self.connection.execute("INSERT INTO topics (id, size) VALUES (?, 0)", (topic,))
        self.connection.execute(
            "INSERT INTO stories (id, topic, size, first_day, last_day) VALUES (?, ?, 0, ?, ?)",
            (story, topic, day, day),
        )
        return story, topic

    def topic_of(self, story: int) -> int:
        """The topic a story is in now (topics merge as the store grows)."""
        return int(self.connection.execute("SELECT topic FROM stories WHERE id = ?", (story,)).fetchone()[0])

    def next_story_id(self) -> int:
        """One more than any story id ever given, merged-away ones included: an old id never names another story."""
        query = (  # two primary-key look-ups: a max over their union would scan every story
            "SELECT max(coalesce((SELECT max(id) FROM stories), 0),"
            " coalesce((SELECT max(absorbed) FROM story_absorbed), 0)) + 1"
        )
        return int(self.connection.execute(query).fetchone()[0])

    def has_corrections(self) -> bool:
        """Whether this store has the correction tables (a store last written by an older version may not)."""
        query = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'story_corrections'"
        return self.connection.execute(query).fetchone() is not None

    def grow_story(self, story: int, day: float | None) -> None:
        self.grow_stories({story: StoryGrowth(1, day, day)})

    def grow_stories(self, growth: dict[int, StoryGrowth]) -> None:
        """Count new members into their stories and widen the stories' date ranges."""
        self.connection.executemany(
            "UPDATE stories SET size = size + ?, first_day = min(coalesce(first_day, ?), coalesce(?, first_day)),"
            " last_day = max(coalesce(last_day, ?), coalesce(?, last_day)) WHERE id = ?",
            [(g.members, g.first_day, g.first_day, g.last_day, g.last_day, story) for story, g in growth.items()],
        )

    def add_to_topic(self, topic: int, vector: np.ndarray) -> None:
        """Add an article's vector to its topic's sum: topic-to-topic average link is a dot product of sums."""
        self.add_to_topics({topic: (1, vector)})

    def add_to_topics(self, additions: dict[int, tuple[int, np.ndarray]]) -> None:
        """Add articles (a count and the sum of their vectors) to each topic's size and vector sum."""
        sums = self.topic_sums(additions)
        for topic, (count, vectors) in additions.items():
            size, total = sums[topic]
            self._write_topic(topic, size + count, total + vectors)

    def topic_sums(self, topics: Iterable[int]) -> dict[int, tuple[int, np.ndarray]]:
        sums: dict[int, tuple[int, np.ndarray]] = {}
        for chunk in _chunks(list(dict.fromkeys(int(t) for t in topics)), 900):
            marks = ",".join("?" * len(chunk))
            for topic, size, blob in self.connection.execute(
                f"SELECT id, size, vector_sum FROM topics WHERE id IN ({marks})", chunk
            ):
                sums[topic] = (size, topic_total(size, blob, self.dim))
        return sums

    def merge_topics(self, keep: int, absorbed: int) -> None:
        sums = self.topic_sums([keep, absorbed])
        self._write_topic(keep, sums[keep][0] + sums[absorbed][0], sums[keep][1] + sums[absorbed][1])
        self.connection.execute("UPDATE stories SET topic = ? WHERE topic = ?", (keep, absorbed))
        self.connection.execute("DELETE FROM topics WHERE id = ?", (absorbed,))

    def _write_topic(self, topic: int, size: int, total: np.ndarray) -> None:
        self.connection.execute(
            "UPDATE topics SET size = ?, vector_sum = ? WHERE id = ?", (size, topic_blob(size, total), topic)
        )

    def execute(self, sql: str, parameters: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        return self.connection.execute(sql, parameters)


def topic_blob(size: int, total: np.ndarray) -> bytes:
    """A topic's vector as stored: the mean of its articles' vectors in float16 (1 KB at 512 dimensions).

    The mean, not the sum: its components stay below 1 however large the topic grows, within float16's range
    and precision (a sum of 100,000 articles would not be). Half the float32 sum of earlier versions: topics
    were a tenth of a store's bytes (``dbstat``, docs/stories.md)."""
    return (np.asarray(total, dtype=np.float32) / max(size, 1)).astype("<f2").tobytes()


def topic_total(size: int, blob: bytes | None, dim: int) -> np.ndarray:
    """The sum of a topic's article vectors from its stored row. Rows of stores written before the float16
    means hold the float32 sum; they are read as such and rewritten as means when the topic next changes."""
    if not blob:
        return np.zeros(dim, np.float32)
    if len(blob) == 4 * dim:
        return np.frombuffer(blob, dtype="<f4").astype(np.float32)
    return np.frombuffer(blob, dtype="<f2").astype(np.float32) * np.float32(size)


class WriterLock:
    """An exclusive ``flock`` on ``PATH.lock``: one writing process per store.

    Two writers would each keep their own vector index and near-duplicate table in memory and miss the
    other's articles. The kernel releases the lock when the process dies, even by SIGKILL, so a crash
    never leaves a store locked.
    """

    def __init__(self, handle: IO[bytes]) -> None:
        self._handle = handle

    @classmethod
    def acquire(cls, path: Path) -> WriterLock | None:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not a POSIX system: no lock
            return None
        handle = path.with_name(path.name + ".lock").open("ab")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            handle.close()
            raise StoreError(
                f"{path} is being written by another samestory process (ingest or serve); wait for it to end "
                "— reading commands (stories, similar) work meanwhile"
            ) from error
        return cls(handle)

    def release(self) -> None:
        self._handle.close()


def _connect(path: str | Path, readonly: bool = False) -> sqlite3.Connection:
    try:
        if readonly:
            connection = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True, isolation_level=None)
        else:
            connection = sqlite3.connect(str(path), isolation_level=None, timeout=30.0)
            connection.execute(f"PRAGMA page_size={PAGE_SIZE}")  # takes effect only when the file is created
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
    except sqlite3.DatabaseError as error:
        raise CorruptStoreError(f"{path} cannot be opened as a story store ({error})") from error
    connection.row_factory = sqlite3.Row
    connection.execute("PRAGMA foreign_keys=ON")
    return connection


def _create_schema(connection: sqlite3.Connection, encoder: str, dim: int) -> None:
    connection.executescript(SCHEMA + CORRECTIONS + NEAR_DUPLICATE_BANDS)
    values = {
        "format": FORMAT,
        "schema_version": str(SCHEMA_VERSION),
        "encoder": encoder,
        "dim": str(dim),
        "minhash": neardup.scheme(),
        "minhash_bands": neardup.band_scheme(),
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "batches": "0",
    }
    connection.executemany("INSERT INTO samestory_meta (key, value) VALUES (?, ?)", values.items())


def _add_second_vector_column(connection: sqlite3.Connection) -> None:
    """Stores written before the precise mode lack the (nullable) column of its second vectors: a writer adds
    it, which SQLite does without rewriting a row."""
    columns = {row[1] for row in connection.execute("PRAGMA table_info(articles)")}
    if "second_vector" not in columns:
        connection.execute("ALTER TABLE articles ADD COLUMN second_vector BLOB")


def stored_encoder(path: str | Path | None) -> str | None:
    """The encoder whose vectors the store at ``path`` holds; None when there is no usable store there yet."""
    if path is None or not Path(path).is_file() or Path(path).stat().st_size == 0:
        return None
    try:
        return _validate_existing(Path(path)).get("encoder", "use")
    except StoreError:
        return None


def _validate_existing(path: Path) -> dict[str, str]:
    """Check, reading only, that ``path`` is a samestory store this version can use; return its meta."""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise StoreError(f"{path} cannot be read ({error.strerror})") from error
    if header != SQLITE_HEADER:
        raise CorruptStoreError(
            f"{path} is not a samestory story store (not an SQLite database); it was left untouched. "
            "Give --db a new file name, or the path of a store made by 'samestory ingest'"
        )
    try:
        connection = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "samestory_meta" not in tables:
                raise CorruptStoreError(
                    f"{path} is an SQLite database of another application, not a samestory story store; it was "
                    "left untouched. Give --db a new file name"
                )
            meta = dict(connection.execute("SELECT key, value FROM samestory_meta").fetchall())
            connection.execute("SELECT count(*) FROM articles").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise CorruptStoreError(
            f"{path} is damaged ({error}); it was left untouched. Restore it from a backup, or re-ingest into a "
            "new file"
        ) from error
    if meta.get("format") != FORMAT:
        raise CorruptStoreError(f"{path} is not a samestory story store (format {meta.get('format')!r})")
    if int(meta.get("schema_version", "0")) < SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by an older samestory (schema {meta.get('schema_version', '?')}): it lacks what "
            "this version compares (title vectors, weighted terms). It was left untouched; ingest the articles "
            "again into a new store (--db NEW_FILE)"
        )
    if int(meta.get("schema_version", "0")) > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer samestory (schema {meta['schema_version']}): upgrade samestory"
        )
    return meta


def _chunks(items: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def index_day(document: Document) -> float:
    """The day the vector index files an article under (as ``StoryStore.index_days``)."""
    published = document.article.published
    return published.ordinal if published is not None and published.precision == "day" else np.nan
