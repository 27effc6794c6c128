"""People correct the machine: merge two stories, split articles out of one. Persisted and logged.

A correction changes where stored articles are, writes a line to the store's correction log (who, when,
what) and leaves a trace the engine and the listings read later:

* a **merge** keeps the lower story id (the older story) and records the other as absorbed by it, so a
  reader holding the old id can follow it (``stories --json`` lists ``absorbed``);
* a **split** moves the named articles, and the near-duplicate copies of them, to a new story of the same
  topic. Ingest never moves a stored article, and a later copy of a split article joins the story the
  article is in now, so a split holds without a record of its own beyond the log.

Both run in one transaction: a failure leaves the store as it was.
"""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from samestory.errors import InputError, StoreError
from samestory.stories.store import StoryStore


@dataclass(frozen=True, slots=True)
class Correction:
    action: str
    story: int
    other: int | None
    articles: list[str]
    who: str
    at: str

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def merge_stories(store: StoryStore, keep: int, absorbed: int, who: str | None = None) -> Correction:
    """Move every article of ``absorbed`` into ``keep`` (their topics become one), and log it."""
    keep, absorbed = _existing_story(store, keep), _existing_story(store, absorbed)
    if keep == absorbed:
        raise InputError(str(keep), "a story cannot be merged with itself")
    keep, absorbed = min(keep, absorbed), max(keep, absorbed)
    _writable(store)
    with store.transaction():
        topics = dict(store.execute("SELECT id, topic FROM stories WHERE id IN (?, ?)", (keep, absorbed)).fetchall())
        if topics[keep] != topics[absorbed]:
            store.merge_topics(min(topics.values()), max(topics.values()))
        store.execute("UPDATE articles SET story = ? WHERE story = ?", (keep, absorbed))
        store.execute("UPDATE story_absorbed SET story = ? WHERE story = ?", (keep, absorbed))
        store.execute("INSERT OR REPLACE INTO story_absorbed (absorbed, story) VALUES (?, ?)", (absorbed, keep))
        store.execute("DELETE FROM stories WHERE id = ?", (absorbed,))
        _recount(store, keep)
        return _log(store, "merge", keep, absorbed, [], who)


def split_story(store: StoryStore, story: int, article_ids: Sequence[str], who: str | None = None) -> Correction:
    """Move the named articles of ``story`` (and their copies) to a new story of the same topic, and log it."""
    story = _existing_story(store, story)
    keys = _member_keys(store, story, article_ids)
    if not keys:
        raise InputError(str(story), "name at least one article of the story to split off")
    members = int(store.execute("SELECT count(*) FROM articles WHERE story = ?", (story,)).fetchone()[0])
    moving = _with_copies(store, story, keys)
    if len(moving) >= members:
        raise InputError(str(story), "splitting off every article would leave the story empty; name fewer")
    _writable(store)
    with store.transaction():
        topic = int(store.execute("SELECT topic FROM stories WHERE id = ?", (story,)).fetchone()[0])
        new = store.next_story_id()
        store.execute("INSERT INTO stories (id, topic, size) VALUES (?, ?, 0)", (new, topic))
        marks = ",".join("?" * len(moving))
        store.execute(f"UPDATE articles SET story = ? WHERE key IN ({marks})", (new, *moving))
        _recount(store, story)
        _recount(store, new)
        return _log(store, "split", story, new, list(article_ids), who)


def corrections(store: StoryStore) -> list[Correction]:
    """The correction log, oldest first (empty for a store never corrected)."""
    if not store.has_corrections():
        return []
    rows = store.execute("SELECT action, story, other, articles, who, at FROM story_corrections ORDER BY id")
    return [Correction(a, s, o, [x for x in arts.split("\n") if x], w, t) for a, s, o, arts, w, t in rows]


def absorbed_by(store: StoryStore) -> dict[int, list[int]]:
    """For each story, the ids of the stories merged into it (directly or through a later merge)."""
    if not store.has_corrections():
        return {}
    found: dict[int, list[int]] = {}
    for absorbed, story in store.execute("SELECT absorbed, story FROM story_absorbed ORDER BY absorbed"):
        found.setdefault(int(story), []).append(int(absorbed))
    return found


def last_corrected(store: StoryStore) -> dict[int, str]:
    """For each corrected story (either side of a merge or split), when it was last corrected."""
    if not store.has_corrections():
        return {}
    found: dict[int, str] = {}
    for story, other, at in store.execute("SELECT story, other, at FROM story_corrections ORDER BY id"):
        for side in (story, other):
            if side is not None:
                found[int(side)] = str(at)
    return found


def current_story(store: StoryStore, story: int) -> int | None:
    """The story an id names today: itself, the story that absorbed it, or None when there is neither."""
    if store.execute("SELECT 1 FROM stories WHERE id = ?", (story,)).fetchone():
        return story
    if store.has_corrections():
        row = store.execute("SELECT story FROM story_absorbed WHERE absorbed = ?", (story,)).fetchone()
        if row:
            return int(row[0])
    return None


def _existing_story(store: StoryStore, story: int) -> int:
    current = current_story(store, story)
    if current is None:
        raise InputError(str(story), "is not a story of this store (see `samestory stories`)")
    return current


def _member_keys(store: StoryStore, story: int, article_ids: Sequence[str]) -> list[int]:
    keys: list[int] = []
    for article_id in dict.fromkeys(article_ids):
        row = store.execute("SELECT key FROM articles WHERE id = ? AND story = ?", (article_id, story)).fetchone()
        if row is None:
            raise InputError(article_id, f"is not an article of story {story}")
        keys.append(int(row[0]))
    return keys


def _with_copies(store: StoryStore, story: int, keys: list[int]) -> list[int]:
    marks = ",".join("?" * len(keys))
    copies = store.execute(
        f"SELECT key FROM articles WHERE story = ? AND duplicate_of IN ({marks})", (story, *keys)
    ).fetchall()
    return list(dict.fromkeys([*keys, *(int(row[0]) for row in copies)]))


def _recount(store: StoryStore, story: int) -> None:
    store.execute(
        "UPDATE stories SET size = (SELECT count(*) FROM articles WHERE story = ?),"
        " first_day = (SELECT min(day) FROM articles WHERE story = ?),"
        " last_day = (SELECT max(day) FROM articles WHERE story = ?) WHERE id = ?",
        (story, story, story, story),
    )


def _log(
    store: StoryStore, action: str, story: int, other: int | None, articles: list[str], who: str | None
) -> Correction:
    correction = Correction(action, story, other, articles, who or _user(), _now())
    store.execute(
        "INSERT INTO story_corrections (action, story, other, articles, who, at) VALUES (?, ?, ?, ?, ?, ?)",
        (action, story, other, "\n".join(articles), correction.who, correction.at),
    )
    return correction


def _writable(store: StoryStore) -> None:
    if store.readonly or not store.has_corrections():
        raise StoreError("the store is open read-only; corrections need the writer")


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
