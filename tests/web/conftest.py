"""Fixtures for the web tests: a store with canned stories (including hostile text) for page rendering,
and the live-server + Chromium fixtures of the end-to-end tests (see ``e2e_support.py``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from samestory.api import ApiSettings, create_app
from samestory.articles.model import Article

FIXTURES = Path(__file__).parent / "fixtures"
HOSTILE_TITLE = '<script>alert(1)</script><img src=x onerror="window.__xss=1">'


def _article(i: int, lang: str, outlet: str | None, day: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": f"art-{i}",
        "title": f"Article {i}",
        "lang": lang,
        "published": day,
        "outlet": outlet,
        "url": f"https://news.example/{i}",
        "story_id": "flood",
        **extra,
    }


STORY_ARTICLES = [
    _article(1, "en", "Example Times", "2024-09-17"),
    _article(2, "en", "Example Times", "2024-09-18"),
    _article(3, "de", "Beispiel-Zeitung", "2024-09-17"),
    _article(4, "de", None, "2024-09-20", url="javascript:alert(3)"),
    _article(5, "en", "Wire", "2024-09-17", title=HOSTILE_TITLE),
]


class CannedStore:
    """Two stories with fixed content; only what the pages read is implemented."""

    def _summary(self, story_id: str, title: str, articles: list[dict[str, Any]]) -> dict[str, Any]:
        days: dict[str, int] = {}
        for a in articles:
            days[a["published"]] = days.get(a["published"], 0) + 1
        return {
            "id": story_id,
            "title": title,
            "size": len(articles),
            "languages": sorted({a["lang"] for a in articles}),
            "outlets": sorted({a["outlet"] for a in articles if a["outlet"]}),
            "first_seen": min(days),
            "last_seen": max(days),
            "per_day": [{"date": d, "count": n} for d, n in sorted(days.items())],
        }

    def stories(self, since: dt.date | None, level: str | None, limit: int) -> list[dict[str, Any]]:
        other = [_article(9, "fr", "Le Monde fictif", "2024-08-01", story_id="other")]
        found = [
            self._summary("flood", "Elbe flood in Dresden", STORY_ARTICLES),
            self._summary("hostile", HOSTILE_TITLE, other),
        ]
        return [s for s in found if since is None or s["last_seen"] >= since.isoformat()]

    def story(self, story_id: str, level: str | None) -> dict[str, Any] | None:
        if story_id != "flood":
            return None
        return {**self._summary("flood", "Elbe flood in Dresden", STORY_ARTICLES), "articles": STORY_ARTICLES}

    def levels(self) -> list[str]:
        return ["story", "topic"]

    def ingest(self, articles: Sequence[Article]) -> list[dict[str, Any]]:
        raise NotImplementedError

    def article(self, article_id: str) -> dict[str, Any] | None:
        return None

    def similar(self, article_id: str, k: int) -> list[dict[str, Any]] | None:
        return None

    def coverage(self, article: Article, k: int) -> dict[str, Any]:
        return {"story": None, "articles": []}

    def close(self) -> None:
        pass


@pytest.fixture
def page_client() -> Iterator[TestClient]:
    app = create_app(ApiSettings(warm_up=False), store=CannedStore())
    with TestClient(app) as client:
        yield client


# --- end-to-end: a live `samestory serve` and Debian's Chromium ----------------------------------


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's Chromium, installed by the project's own script on first use (a fresh machine has none)."""
    from tests.web.e2e_support import CHROMIUM, install_chromium

    problem = install_chromium()
    if problem:
        pytest.skip(f"{CHROMIUM} is absent and could not be installed ({problem}); the browser tests need it")
    return CHROMIUM


@pytest.fixture(scope="session")
def live_server(chromium: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from samestory.api.live import start_server

    workdir = tmp_path_factory.mktemp("live-server")
    server = start_server(workdir / "server.log", db=workdir / "stories.db")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def browser(chromium: Path) -> Iterator[Any]:
    from tests.web.e2e_support import CHROMIUM_ARGS

    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(chromium), headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records every dialog (alert/confirm) and page error it sees."""
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    new_page = context.new_page()
    new_page.dialogs = []
    new_page.errors = []

    def on_dialog(dialog: Any) -> None:
        new_page.dialogs.append(dialog.message)
        dialog.dismiss()

    new_page.on("dialog", on_dialog)
    new_page.on("pageerror", lambda error: new_page.errors.append(str(error)))
    try:
        yield new_page
    finally:
        context.close()
