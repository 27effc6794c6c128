"""Request bodies → ``Article`` objects, through the same records helper every reader uses.

Going through ``article_from_record`` means the API repairs text, parses dates and refuses empty
articles exactly as ``samestory compare file.jsonl`` does, with the same messages.
"""

from __future__ import annotations

import dataclasses

from samestory.api.schemas import ArticleIn
from samestory.articles.model import Article
from samestory.articles.records import FieldMap, article_from_record

_FIELDS = FieldMap()
CONTENT_ID_PREFIX = "c-"


def to_article(body: ArticleIn, item: str, fallback_id: str | None = None) -> Article:
    """Build the Article for ``item`` (``a``, ``articles[3]`` …); without an id, derive one from content.

    Raises ``InputError`` naming ``item`` when the text is unusable (empty, no letters, too long).
    """
    record = body.record()
    article = article_from_record(record, item, fallback_id or item, _FIELDS)
    if fallback_id is None and not body.id:
        article = dataclasses.replace(article, id=CONTENT_ID_PREFIX + article.content_hash[:16])
    return dataclasses.replace(article, source=f"api:{item}")
