"""View helpers: only http(s) links survive, and articles group by language then outlet."""

from __future__ import annotations

import pytest

from samestory.web.views import UNKNOWN_OUTLET, group_articles, language_name, safe_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example/a", "https://news.example/a"),
        (" http://news.example/a ", "http://news.example/a"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("//news.example/a", None),
        ("https:///nohost", None),
        (None, None),
        (42, None),
    ],
)
def test_safe_url(url: object, expected: str | None) -> None:
    assert safe_url(url) == expected


def test_group_articles() -> None:
    articles = [
        {"id": "1", "lang": "en", "outlet": "A", "published": "2024-09-18"},
        {"id": "2", "lang": "de", "outlet": "B"},
        {"id": "3", "lang": "en", "outlet": "A", "published": "2024-09-17"},
        {"id": "4", "lang": "en", "outlet": None},
        {"id": "5", "lang": None, "outlet": "C"},
    ]
    groups = group_articles(articles)
    assert [g.lang for g in groups] == ["en", "de", "und"]
    english = groups[0]
    assert english.size == 3
    assert [o.outlet for o in english.outlets] == ["A", UNKNOWN_OUTLET]
    assert [a["id"] for a in english.outlets[0].articles] == ["3", "1"]


def test_language_name() -> None:
    assert language_name("de") == "German (de)"
    assert language_name("xx") == "xx"
    assert language_name(None) == "unknown language"
