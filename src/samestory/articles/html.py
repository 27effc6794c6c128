"""HTML pages: trafilatura finds the article body, title, date and language and drops scripts and menus."""

from __future__ import annotations

from samestory.articles.dates import parse_published
from samestory.articles.model import Article
from samestory.articles.text import require_text
from samestory.errors import InputError


def looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or ("<body" in head and "</" in text)


def article_from_html(html: str, item: str, article_id: str, url: str | None = None) -> Article:
    import trafilatura

    extracted = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, favor_recall=True
    )
    if extracted is None:
        raise InputError(item, "HTML page has no readable article text")
    fields = extracted if isinstance(extracted, dict) else extracted.as_dict()
    text = require_text(fields.get("text"), item)
    return Article(
        id=article_id,
        text=text,
        title=(fields.get("title") or None),
        lang=(fields.get("language") or None),
        published=parse_published(fields.get("date")),
        url=fields.get("url") or url,
        outlet=fields.get("sitename") or fields.get("hostname") or None,
        source=item,
    )
