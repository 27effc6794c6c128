"""Server-rendered pages: content, escaping of hostile text, safe links, no external resources."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient

from samestory.api import ApiSettings, create_app

from .conftest import CannedStore

from_outside = re.compile(r"""(?:src|href)=["']?(?:https?:)?//""", re.I)
MARKUP_SINKS = re.compile(r"\.(inner|outer)HTML\s*=|insertAdjacentHTML|document\.write")
"""The ways a script turns strings into markup; the front end must use none of them."""


def test_compare_page(page_client: TestClient) -> None:
    response = page_client.get("/")
    assert response.status_code == 200
    html = response.text
    assert 'id="a-text"' in html and 'id="b-text"' in html and 'id="compare-button"' in html
    assert '<script src="/static/compare.js">' in html
    assert not from_outside.search(html)


def test_static_assets_are_served(page_client: TestClient) -> None:
    for name in ("style.css", "common.js", "compare.js", "coverage.js", "story.js"):
        response = page_client.get(f"/static/{name}")
        assert response.status_code == 200, name
        assert not MARKUP_SINKS.search(response.text), name
        assert not re.search(r"https?://(?!news\.example)", response.text), name


def test_stories_page_lists_and_escapes(page_client: TestClient) -> None:
    html = page_client.get("/ui/stories").text
    assert "Elbe flood in Dresden" in html
    assert 'href="/ui/stories/flood"' in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html
    assert html.count("<svg") >= 3  # overall timeline and one sparkline per story
    assert "2024-09-17: 3 articles" in html


def test_stories_since_filter_and_bad_date(page_client: TestClient) -> None:
    html = page_client.get("/ui/stories?since=2024-09-01").text
    assert "Elbe flood" in html and "&lt;script&gt;" not in html
    bad = page_client.get("/ui/stories?since=tomorrow").text
    assert "must be a date" in bad


def test_story_page_groups_and_links_safely(page_client: TestClient) -> None:
    response = page_client.get("/ui/stories/flood")
    assert response.status_code == 200
    html = response.text
    assert html.index("English (en)") < html.index("German (de)")
    assert "Example Times" in html and "Beispiel-Zeitung" in html and "unknown outlet" in html
    assert 'href="https://news.example/1"' in html
    assert "javascript:" not in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_unknown_story_page_is_404(page_client: TestClient) -> None:
    response = page_client.get("/ui/stories/<b>x<i>")
    assert response.status_code == 404
    assert "<b>x<i>" not in response.text and "&lt;b&gt;x&lt;i&gt;" in response.text


def test_pages_without_store_explain() -> None:
    with TestClient(create_app(ApiSettings(warm_up=False))) as client:
        response = client.get("/ui/stories")
        assert response.status_code == 503
        assert "samestory serve --db" in response.text
        assert "disabled" in client.get("/ui/coverage").text


class _VaguelyDatedStore(CannedStore):
    """The flood story again, with two more members that have no day: one undated, one dated to a month."""

    def _summary(self, story_id: str, title: str, articles: list[dict[str, Any]]) -> dict[str, Any]:
        summary = super()._summary(story_id, title, articles)
        return {**summary, "size": summary["size"] + 2}


def test_charts_say_how_many_articles_they_do_not_draw() -> None:
    with TestClient(create_app(ApiSettings(warm_up=False), store=_VaguelyDatedStore())) as client:
        story = client.get("/ui/stories/flood").text
        listing = client.get("/ui/stories").text
    assert "not drawn: 2 undated or dated only to a month or year" in story
    assert "not drawn: 4 undated or dated only to a month or year" in listing


def test_the_topic_view_is_headed_topics(page_client: TestClient) -> None:
    assert "<h1>Topics</h1>" in page_client.get("/ui/stories?level=topic").text
    assert "<h1>Stories</h1>" in page_client.get("/ui/stories?level=story").text
