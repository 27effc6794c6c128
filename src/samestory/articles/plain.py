"""Plain-text articles: the first line is taken as the title when it reads like one."""

from __future__ import annotations

from samestory.articles.model import Article
from samestory.articles.text import require_text

_TITLE_MAX_CHARS = 200


def article_from_plain_text(text: str, item: str, article_id: str) -> Article:
    body = require_text(text, item)
    title, rest = _split_title(body)
    return Article(id=article_id, text=rest or body, title=title if rest else None, source=item)


def _split_title(body: str) -> tuple[str | None, str]:
    first, _, rest = body.partition("\n")
    first = first.strip()
    rest = rest.strip()
    looks_like_title = (
        0 < len(first) <= _TITLE_MAX_CHARS and not first.endswith((".", ":", ",", ";")) and len(rest) > len(first)
    )
    return (first, rest) if looks_like_title else (None, body)
