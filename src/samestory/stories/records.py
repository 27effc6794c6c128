"""How one article is kept in the store, and how a lightweight Document is rebuilt from it.

The pair scorer compares Documents; re-analysing stored text for every comparison would cost more
than the encoder, so the store keeps what the judgement reads: the analysed keys (entities, places, dates,
numbers) as JSON, the head and title vectors (and the precise mode's second vector) as float16 blobs and the
weighted terms, exactly as analysis made them, and rebuilds a Document with no sentences from them. A stored
article and the same article analysed fresh therefore get the same score against any other.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np

from samestory.articles.model import Article, PublishedDate
from samestory.documents.encoders import unpack_vector
from samestory.documents.model import DateMention, Document, EntityMention, PlaceMention, Quantity
from samestory.documents.terms import TermVector

_TRACKING = re.compile(r"^(utm_|fbclid$|gclid$|ocid$|cmpid$|at_)", re.IGNORECASE)


def url_key(url: str | None) -> str | None:
    """A URL reduced to what identifies the page: no scheme, fragment, tracking parameters or final slash."""
    if not url or not url.strip():
        return None
    parts = urlsplit(url.strip())
    if not parts.netloc:
        return url.strip()
    host = parts.netloc.lower().removeprefix("www.")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)])
    return urlunsplit(("", host, parts.path.rstrip("/") or "/", query, ""))


def article_columns(article: Article) -> dict[str, Any]:
    """The article's own columns, as the store keeps them (the inverse of the Article in ``document_from_row``)."""
    published = article.published
    return dict(
        id=article.id, title=article.title, text=article.text, url=article.url, outlet=article.outlet,
        source=article.source, published=published.iso() if published else None,
        precision=published.precision if published else None,
    )  # fmt: skip


def features_to_json(document: Document) -> dict[str, str]:
    """The analysed keys of a document as four compact JSON columns, in the analyser's order."""
    return {
        "entities": _dumps([[e.key, e.name, e.kind, e.count, e.first_sentence] for e in document.entities]),
        "places": _dumps([[p.key, p.name, p.country, p.count, p.first_sentence] for p in document.places]),
        "dates": _dumps([[d.date.isoformat(), d.precision, d.text, d.sentence] for d in document.dates]),
        "numbers": _dumps([[q.value, q.unit, q.text, q.sentence] for q in document.numbers]),
    }


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def published_from_columns(iso: str | None, precision: str | None) -> PublishedDate | None:
    """Inverse of ``PublishedDate.iso()`` ("2022-07-21", "2022-07", "2022") with its precision."""
    if not iso:
        return None
    padded = {"year": f"{iso}-01-01", "month": f"{iso}-01"}.get(precision or "day", iso)
    return PublishedDate(dt.date.fromisoformat(padded), precision or "day")  # type: ignore[arg-type]


def article_from_columns(row: Any) -> Article:
    """The Article of ``article_columns`` plus a ``lang`` column (a stored row's is the detected language)."""
    return Article(
        id=row["id"],
        text=row["text"],
        title=row["title"],
        lang=row["lang"],
        published=published_from_columns(row["published"], row["precision"]),
        url=row["url"],
        outlet=row["outlet"],
        source=row["source"],
    )


def document_from_row(row: Any) -> Document:
    """Rebuild a Document without sentence texts from a stored row (sqlite3.Row or mapping)."""
    article = article_from_columns(row)
    head = unpack_vector(row["head_vector"])
    return Document(
        article=article,
        lang=row["lang"],
        lang_confidence=float(row["lang_confidence"]),
        sentences=[],
        entities=[
            EntityMention(k, name, kind, [name], n, first) for k, name, kind, n, first in _loads(row, "entities")
        ],
        places=[
            PlaceMention(k, name, country, [name], n, first) for k, name, country, n, first in _loads(row, "places")
        ],
        dates=[
            DateMention(dt.date.fromisoformat(day), precision, text, i)
            for day, precision, text, i in _loads(row, "dates")
        ],
        numbers=[Quantity(float(value), unit, text, i) for value, unit, text, i in _loads(row, "numbers")],
        terms=TermVector.from_bytes(row["terms"]),
        head_vector=head,
        title_vector=unpack_vector(row["title_vector"]),
        second_vector=_second_vector(row),
    )


def _second_vector(row: Any) -> np.ndarray | None:
    """The precise mode's second vector; None in other stores (and in rows of stores written before it)."""
    blob = row["second_vector"] if "second_vector" in row.keys() else None  # noqa: SIM118 (`in` on a Row reads values)
    return None if blob is None else unpack_vector(blob)


def _loads(row: Any, column: str) -> list[list[Any]]:
    return json.loads(row[column])
