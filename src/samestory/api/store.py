"""The narrow view of the story store that the API needs, as a Protocol.

Routes depend on this Protocol, not on ``samestory.stories`` directly: the HTTP layer then stays a
thin translation of JSON to calls, and tests can run the routes against a small in-memory store.
Every method returns plain JSON-ready dicts so the routes do no reshaping.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

from samestory.articles.model import Article

JsonDict = dict[str, Any]


@runtime_checkable
class StoryStore(Protocol):
    """What ``POST/GET /articles``, ``/stories`` and ``/coverage`` need from a story store.

    Article summaries carry ``id, title, lang, published, outlet, url, story_id``; story summaries
    carry ``id, title, size, languages, outlets, first_seen, last_seen, per_day``
    (``per_day`` is a list of ``{"date": "YYYY-MM-DD", "count": n}``).
    """

    def ingest(self, articles: Sequence[Article]) -> list[JsonDict]:
        """Store, deduplicate and assign to stories; one result per input, in order:
        ``{"id", "status", "duplicate_of": id|None, "story_id": id|None}`` where ``status`` is
        ``added``, ``near_duplicate`` (stored, linked to ``duplicate_of``) or ``duplicate`` (not stored:
        the same text or URL is already there as ``duplicate_of``)."""
        ...

    def article(self, article_id: str) -> JsonDict | None:
        """An article summary plus ``text``; None when the id is unknown."""
        ...

    def similar(self, article_id: str, k: int) -> list[JsonDict] | None:
        """Up to ``k`` nearest stored articles (summaries plus ``score``); None when the id is unknown."""
        ...

    def stories(self, since: dt.date | None, level: str | None, limit: int) -> list[JsonDict]:
        """Story summaries, most recently seen first."""
        ...

    def story(self, story_id: str, level: str | None) -> JsonDict | None:
        """A story summary plus ``articles`` (summaries); None when the id is unknown."""
        ...

    def coverage(self, article: Article, k: int) -> JsonDict:
        """Without storing ``article``: ``{"story": summary|None, "articles": [summary + score]}``."""
        ...

    def correct(self, story_id: str, action: str, other: int | None, articles: list[str], by: str | None) -> JsonDict:
        """A person's ``merge`` (with ``other``) or ``split`` (of ``articles``), persisted and logged:
        ``{"correction": {...}, "story": summary}``; raises ``InputError`` when it cannot be done."""
        ...

    def levels(self) -> list[str]:
        """The story granularities this store knows (``["story", "topic"]``); the first is the default."""
        ...

    def close(self) -> None: ...
