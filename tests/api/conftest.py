"""Fixtures for the API tests: the real app (``create_app``) with a small in-memory store.

The in-memory store implements the ``StoryStore`` Protocol the routes depend on, so these tests check
the HTTP layer (validation, limits, token, status codes) independently of the clustering itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import pytest
from fastapi.testclient import TestClient

from samestory.api import ApiSettings, create_app
from samestory.articles.model import Article

JsonDict = dict[str, Any]


class MemoryStore:
    """Stories by exact title word overlap: crude, deterministic, enough to exercise the routes."""

    def __init__(self) -> None:
        self.articles: dict[str, Article] = {}
        self.story_of: dict[str, str] = {}
        self.by_hash: dict[str, str] = {}
        self.closed = False

    def _summary(self, article: Article) -> JsonDict:
        return {
            "id": article.id,
            "title": article.title,
            "lang": article.lang,
            "published": article.published.iso() if article.published else None,
            "outlet": article.outlet,
            "url": article.url,
            "story_id": self.story_of.get(article.id),
        }

    def _story_key(self, article: Article) -> str:
        words = sorted(w for w in (article.title or article.text).lower().split() if len(w) > 5)
        return "s-" + (words[0] if words else article.id)

    def ingest(self, articles: Sequence[Article]) -> list[JsonDict]:
        results = []
        for article in articles:
            existing = self.by_hash.get(article.content_hash)
            if existing is not None:
                results.append(
                    {
                        "id": article.id,
                        "status": "duplicate",
                        "duplicate_of": existing,
                        "story_id": self.story_of[existing],
                    }
                )
                continue
            self.articles[article.id] = article
            self.by_hash[article.content_hash] = article.id
            self.story_of[article.id] = self._story_key(article)
            results.append(
                {
                    "id": article.id,
                    "status": "added",
                    "duplicate_of": None,
                    "story_id": self.story_of[article.id],
                }
            )
        return results

    def article(self, article_id: str) -> JsonDict | None:
        found = self.articles.get(article_id)
        return None if found is None else {**self._summary(found), "text": found.text}

    def similar(self, article_id: str, k: int) -> list[JsonDict] | None:
        if article_id not in self.articles:
            return None
        story = self.story_of[article_id]
        others = [a for i, a in self.articles.items() if i != article_id and self.story_of[i] == story]
        return [{**self._summary(a), "score": 0.9} for a in others[:k]]

    def _story(self, story_id: str) -> JsonDict | None:
        members = [a for i, a in self.articles.items() if self.story_of[i] == story_id]
        if not members:
            return None
        days: dict[str, int] = {}
        for a in members:
            if a.published:
                days[a.published.iso()] = days.get(a.published.iso(), 0) + 1
        seen = sorted(days)
        return {
            "id": story_id,
            "title": members[0].title,
            "size": len(members),
            "languages": sorted({a.lang or "und" for a in members}),
            "outlets": sorted({a.outlet for a in members if a.outlet}),
            "first_seen": seen[0] if seen else None,
            "last_seen": seen[-1] if seen else None,
            "per_day": [{"date": d, "count": n} for d, n in sorted(days.items())],
        }

    def stories(self, since: dt.date | None, level: str | None, limit: int) -> list[JsonDict]:
        found = [s for s in (self._story(i) for i in sorted(set(self.story_of.values()))) if s is not None]
        if since is not None:
            found = [s for s in found if s["last_seen"] and s["last_seen"] >= since.isoformat()]
        return found[:limit]

    def story(self, story_id: str, level: str | None) -> JsonDict | None:
        found = self._story(story_id)
        if found is None:
            return None
        members = [self._summary(a) for i, a in self.articles.items() if self.story_of[i] == story_id]
        return {**found, "articles": members}

    def coverage(self, article: Article, k: int) -> JsonDict:
        story_id = self._story_key(article)
        story = self._story(story_id)
        members = [a for i, a in self.articles.items() if self.story_of[i] == story_id]
        return {"story": story, "articles": [{**self._summary(a), "score": 0.8} for a in members[:k]]}

    def levels(self) -> list[str]:
        return ["story", "topic"]

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore()


def _make_client(store: Any = None, **settings: Any) -> TestClient:
    settings.setdefault("warm_up", False)
    return TestClient(create_app(ApiSettings(**settings), store=store), raise_server_exceptions=False)


ClientFactory = Callable[..., TestClient]


@pytest.fixture
def make_client() -> ClientFactory:
    """``make_client(store, **ApiSettings fields)``: a client for an app with other settings."""
    return _make_client


@pytest.fixture
def client(store: MemoryStore) -> Iterator[TestClient]:
    with _make_client(store) as test_client:
        yield test_client
