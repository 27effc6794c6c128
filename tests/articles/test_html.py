"""HTML pages: trafilatura keeps the article body and metadata and drops scripts, styles and menus."""

from __future__ import annotations

from pathlib import Path

import pytest

from samestory.articles.html import article_from_html, looks_like_html
from samestory.articles.load import read_articles
from samestory.articles.model import Article
from samestory.errors import InputError

SECRET = "SCRIPT_PAYLOAD_MUST_NOT_APPEAR"
PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<title>Harbour bridge reopens after repairs | Coastal Herald</title>
<meta property="og:title" content="Harbour bridge reopens after repairs">
<meta name="date" content="2024-05-02">
<script>var tracker = "{SECRET}"; document.write("{SECRET}");</script>
<style>.banner {{ color: red; }}</style>
</head><body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav>
<article>
<h1>Harbour bridge reopens after repairs</h1>
<p>The harbour bridge in the town of Westport reopened to traffic on Thursday after eight months of
repairs that cost the council 12 million pounds.</p>
<p>Engineers replaced the steel cables and resurfaced the road deck. The mayor, Helen Marsh, said the
work had finished two weeks ahead of schedule and thanked residents for their patience.</p>
<script>console.log("{SECRET}");</script>
<p>Buses will return to their usual routes from Monday, the transport office said. Cyclists will get a
separate lane for the first time.</p>
</article>
<footer>Subscribe to our newsletter</footer>
</body></html>"""


@pytest.fixture(scope="module")
def article() -> Article:
    return article_from_html(PAGE, "bridge.html", "bridge")


def test_script_content_never_reaches_the_text(article: Article) -> None:
    assert SECRET not in article.full_text
    assert "document.write" not in article.full_text


def test_body_paragraphs_are_kept(article: Article) -> None:
    assert "reopened to traffic on Thursday" in article.text
    assert "Cyclists will get a separate lane" in article.text


def test_style_rules_are_dropped(article: Article) -> None:
    assert "color: red" not in article.full_text


def test_metadata_is_read(article: Article) -> None:
    assert article.title == "Harbour bridge reopens after repairs"
    assert article.published is not None
    assert article.published.iso() == "2024-05-02"
    assert article.id == "bridge"
    assert article.source == "bridge.html"


def test_page_without_article_text_is_refused() -> None:
    page = f"<html><head><title>Teaser</title><script>{SECRET}</script></head><body></body></html>"
    with pytest.raises(InputError) as caught:
        article_from_html(page, "empty.html", "empty")
    assert caught.value.item == "empty.html"
    assert "no readable article text" in caught.value.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html><html><body>x</body></html>", True),
        ("  <html><p>x</p></html>", True),
        ("<div><body>news</body></div>", True),
        ("Plain text that mentions <b> once.", False),
        ("Prices rose 3% <not a tag> and fell.", False),
    ],
)
def test_looks_like_html(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected


def test_html_saved_as_txt_is_sniffed_as_html(tmp_path: Path) -> None:
    path = tmp_path / "saved-page.txt"
    path.write_text(PAGE, encoding="utf-8")
    [result] = list(read_articles([path]))
    assert isinstance(result, Article)
    assert result.title == "Harbour bridge reopens after repairs"
    assert SECRET not in result.full_text
