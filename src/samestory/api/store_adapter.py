"""The story store of ``samestory.stories`` behind the API's ``StoryStore`` Protocol.

SQLite connections belong to the thread that opened them and the store's caches (vector index,
near-duplicate table, documents) are not thread-safe, while the API calls in from many worker threads.
So the adapter owns two threads of its own:

- the *writer* holds the ingest session (store, engine, encoder) and runs everything that writes or
  needs the in-memory vector index: ingest, similar, coverage;
- the *reader* holds a second, read-only connection for listings and look-ups, which SQLite's WAL
  lets run while the writer works — so ``GET /stories`` stays fast during a long ingest.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from typing import Any, TypeVar

from samestory.api.store import JsonDict, StoryStore
from samestory.articles.model import Article
from samestory.errors import SamestoryError

T = TypeVar("T")
log = logging.getLogger("samestory.api")
LEVELS = ["story", "topic"]


def open_store(db: Path, scorer: Path | None = None) -> tuple[StoryStore | None, str | None]:
    """The store at ``db`` (created if missing), or None and the reason it cannot be used."""
    try:
        import samestory.stories.session  # noqa: F401
    except ImportError as error:
        return None, f"the story store is not available in this installation ({error})"
    try:
        return StoriesAdapter(db, scorer), None
    except SamestoryError as error:
        return None, f"the story store {db} cannot be opened: {error}"
    except Exception as error:  # a broken store must not take compare down with it
        log.exception("opening the story store failed")
        reason = f"{type(error).__name__}: {error}"
        return None, f"the story store {db} cannot be opened ({reason}; see the server log)"


class _Thread:
    """One dedicated thread: everything submitted runs there, one call at a time."""

    def __init__(self, name: str) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)

    def call(self, func: Callable[[], T]) -> T:
        return self._pool.submit(func).result()

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True)


class StoriesAdapter:
    """Implements ``samestory.api.store.StoryStore`` with ``samestory.stories``."""

    def __init__(self, db: Path, scorer: Path | None = None) -> None:
        from samestory.stories.search import ready_for_queries
        from samestory.stories.session import open_session
        from samestory.stories.store import StoryStore as SqliteStore

        self._writer = _Thread("samestory-store-writer")
        self._reader = _Thread("samestory-store-reader")
        self._stack = ExitStack()
        try:
            self.session = self._writer.call(lambda: self._stack.enter_context(open_session(db, scorer)))
            self.reader = self._reader.call(lambda: SqliteStore.open(db, create=False, readonly=True))
            self._writer.call(lambda: ready_for_queries(self.session.store))
        except BaseException:
            self._writer.call(self._stack.close)
            self._writer.shutdown()
            self._reader.shutdown()
            raise

    # ------------------------------------------------------------------ writes
    def ingest(self, articles: Sequence[Article]) -> list[JsonDict]:
        return self._writer.call(lambda: self._ingest(articles))

    def _ingest(self, articles: Sequence[Article]) -> list[JsonDict]:
        store = self.session.store
        outcomes = list(self.session.ingestor.run(list(articles)))
        keys = [o.key for o in outcomes if o.key is not None]
        placements = store.placements(keys)
        copied = [p.duplicate_of for p in placements.values() if p.duplicate_of is not None]
        stored_ids = _ids_of(store, keys + copied)
        by_article = {id(o.article): o for o in outcomes}
        results = []
        for article in articles:
            outcome = by_article.get(id(article))
            if outcome is None:  # pragma: no cover - the ingestor reports every input
                results.append({"id": article.id, "status": "failed", "duplicate_of": None, "story_id": None})
                continue
            if outcome.status == "failed":
                results.append(_failed(article, outcome.reason or "failed"))
                continue
            if outcome.key is None:
                results.append(_refused(article))
                continue
            placed = placements[outcome.key]
            story, topic, duplicate_of = placed.story, placed.topic, placed.duplicate_of
            if outcome.status in ("duplicate", "already_stored"):
                status, original = "duplicate", stored_ids.get(outcome.key)
            else:
                status = "added" if outcome.status == "new" else "near_duplicate"
                original = stored_ids.get(duplicate_of) if duplicate_of is not None else None
            results.append(
                {
                    "id": article.id,
                    "status": status,
                    "duplicate_of": original,
                    "story_id": story,
                    "topic_id": topic,
                }
            )
        return results

    def similar(self, article_id: str, k: int) -> list[JsonDict] | None:
        def run() -> list[JsonDict] | None:
            from samestory.stories.search import similar_articles

            store = self.session.store
            keys = store.keys_for_id(article_id)
            if not keys:
                return None
            document = store.documents(keys[:1])[keys[0]]
            engine = self.session.engine
            found = similar_articles(store, engine.scorer, document, k, exclude=keys[0])
            return [_similar_dict(s) for s in found]

        return self._writer.call(run)

    def coverage(self, article: Article, k: int) -> JsonDict:
        """The story ``article`` tells. An article already stored is answered from where it is stored (and
        is not listed as its own coverage); a new one by the story most of its same-story matches are in."""

        def run() -> JsonDict:
            from samestory.documents.analyze import analyse_text
            from samestory.documents.encoders import get_encoder
            from samestory.stories.preparation import encode_documents
            from samestory.stories.search import similar_articles

            store = self.session.store
            stored = store.existing_key(article.content_hash, article.url)
            document = analyse_text(article)
            encode_documents([document], get_encoder(store.encoder))
            found = similar_articles(store, self.session.engine.scorer, document, k, exclude=stored)
            result: JsonDict = {"articles": [_similar_dict(s) for s in found], "stored_as": None}
            if stored is not None:
                placement = store.placements([stored])[stored]
                result["stored_as"] = store.documents([stored])[stored].article.id
                result["stored_story"] = placement.story
            return result

        result = self._writer.call(run)
        story_id = result.pop("stored_story", None)
        if story_id is None:
            same = Counter(a["story_id"] for a in result["articles"] if a["label"] == "same_story")
            story_id = same.most_common(1)[0][0] if same else None
        story = self.story(str(story_id), "story") if story_id is not None else None
        if story is not None:
            story.pop("articles", None)
        return {"story": story, **result}

    # ------------------------------------------------------------------- reads
    def article(self, article_id: str) -> JsonDict | None:
        def run() -> JsonDict | None:
            keys = self.reader.keys_for_id(article_id)
            if not keys:
                return None
            document = self.reader.documents(keys[:1])[keys[0]]
            placed = self.reader.placements(keys[:1])[keys[0]]
            story, topic, duplicate_of = placed.story, placed.topic, placed.duplicate_of
            a = document.article
            return {
                "id": a.id,
                "title": a.title,
                "lang": document.lang,
                "published": a.published.iso() if a.published else None,
                "outlet": a.outlet,
                "url": a.url,
                "story_id": story,
                "topic_id": topic,
                "duplicate_of": _ids_of(self.reader, [duplicate_of]).get(duplicate_of) if duplicate_of else None,
                "text": a.text,
            }

        return self._reader.call(run)

    def stories(self, since: dt.date | None, level: str | None, limit: int) -> list[JsonDict]:
        from samestory.stories.summary import summarise

        chosen = _level(level)
        groups = self._reader.call(lambda: summarise(self.reader, chosen, since, limit))
        listed = []
        for group in groups:
            record = _story_dict(group.to_dict())
            record.pop("articles")
            listed.append(record)
        return listed

    def story(self, story_id: str, level: str | None) -> JsonDict | None:
        """One story (or topic): only its own articles are read."""
        from samestory.stories.summary import summarise

        try:
            wanted = int(story_id)
        except ValueError:
            return None
        chosen = _level(level)
        groups = self._reader.call(lambda: summarise(self.reader, chosen, ids=[wanted]))
        found = next((g for g in groups if g.id == wanted), None)
        return None if found is None else _story_dict(found.to_dict())

    def correct(self, story_id: str, action: str, other: int | None, articles: list[str], by: str | None) -> JsonDict:
        from samestory.errors import InputError
        from samestory.stories.corrections import merge_stories, split_story

        try:
            story = int(story_id)
        except ValueError:
            raise InputError(story_id, "is not a story of this store") from None
        store = self.session.store
        if action == "merge":
            done = self._writer.call(lambda: merge_stories(store, story, int(other or 0), by))
        else:
            done = self._writer.call(lambda: split_story(store, story, articles, by))
        summary = self.story(str(done.story), "story")
        if summary is not None:
            summary.pop("articles", None)
        return {"correction": done.to_dict(), "story": summary}

    def levels(self) -> list[str]:
        return list(LEVELS)

    def close(self) -> None:
        try:
            self._reader.call(self.reader.close)
            self._writer.call(self._stack.close)
        finally:
            self._reader.shutdown()
            self._writer.shutdown()


def _level(level: str | None) -> Any:
    return level if level in LEVELS else LEVELS[0]


def _ids_of(store: Any, keys: list[int | None]) -> dict[int, str]:
    wanted = [k for k in dict.fromkeys(keys) if k is not None]
    if not wanted:
        return {}
    marks = ",".join("?" * len(wanted))
    return {
        int(r[0]): str(r[1])
        for r in store.execute(f"SELECT key, id FROM articles WHERE key IN ({marks})", tuple(wanted))
    }


def _similar_dict(found: Any) -> JsonDict:
    record: JsonDict = found.to_dict()
    record["score"] = record["similarity"]
    record["story_id"] = record.pop("story")
    record["topic_id"] = record.pop("topic")
    return record


def _story_dict(record: JsonDict) -> JsonDict:
    """Summary plus ``per_day`` counts (day-precise dates only) and ``story_id`` on each article."""
    days: Counter[str] = Counter()
    for article in record.get("articles", []):
        article["story_id"] = article.pop("story", None)
        published = article.get("published") or ""
        if len(published) == 10:
            days[published] += 1
    record["per_day"] = [{"date": day, "count": n} for day, n in sorted(days.items())]
    return record


def _failed(article: Article, reason: str) -> JsonDict:
    """An unexpected error in this article's analysis: not stored; the batch's other articles are."""
    return {"id": article.id, "status": "failed", "reason": reason, "duplicate_of": None, "story_id": None,
            "topic_id": None}  # fmt: skip


def _refused(article: Article) -> JsonDict:
    return {
        "id": article.id,
        "status": "refused",
        "reason": f"id {article.id!r} already names another article in the store; give this one another id",
        "duplicate_of": None,
        "story_id": None,
        "topic_id": None,
    }
