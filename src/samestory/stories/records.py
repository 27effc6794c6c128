"""How one article is kept in the store, and how a lightweight Document is rebuilt from it.

The pair scorer compares Documents; re-analysing stored text for every comparison would cost more
than the encoder, so the store keeps the analysed keys (entities, places, dates, numbers) as JSON and
the head vector as a float16 blob, and rebuilds a Document with no sentences from them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np

from samestory.articles.model import Article, PublishedDate
from samestory.documents.model import DateMention, Document, EntityMention, PlaceMention, Quantity

MAX_ENTITIES = 60
"""Caps on stored keys, in the analyser's order (the pair scorer reads the first ones): beyond these a
long report only names bystanders."""
MAX_PLACES = 40
MAX_DATES = 40
MAX_NUMBERS = 60
MAX_SENTENCE_VECTORS = 16
"""Most sentence vectors the store keeps per article (float16): the title, lead and first paragraphs."""
INGEST_SENTENCE_VECTORS = 0
"""Sentence vectors ``ingest`` computes per article. None: measured on the dev set with the trained scorer,
clustering is as good without them (cross-validated story B³-F1 0.967 with none, 0.976 with 16; topic
0.963 vs 0.957), while they cost the encoder two to three times more work per article."""
_TRACKING = re.compile(r"^(utm_|fbclid$|gclid$|ocid$|cmpid$|at_)", re.IGNORECASE)


def pack_vector(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float16).tobytes()


def unpack_vector(blob: bytes) -> np.ndarray:
    """float16 blob → unit float32 vector (renormalised: rounding moves the norm by ~1e-3)."""
    vector = np.frombuffer(blob, dtype=np.float16).astype(np.float32)
    return vector / max(float(np.linalg.norm(vector)), 1e-12)


def round_trip_vector(vector: np.ndarray) -> np.ndarray:
    """The vector exactly as the store will give it back, so fresh and stored articles compare alike."""
    return unpack_vector(pack_vector(vector))


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


def features_to_json(document: Document) -> dict[str, str]:
    """The analysed keys of a document as four compact JSON columns, in the analyser's order."""
    return {
        "entities": _dumps(
            [[e.key, e.name, e.kind, e.count, e.first_sentence] for e in document.entities[:MAX_ENTITIES]]
        ),
        "places": _dumps([[p.key, p.name, p.country, p.count, p.first_sentence] for p in document.places[:MAX_PLACES]]),
        "dates": _dumps([[d.date.isoformat(), d.precision, d.text, d.sentence] for d in document.dates[:MAX_DATES]]),
        "numbers": _dumps([[q.value, q.unit, q.text, q.sentence] for q in document.numbers[:MAX_NUMBERS]]),
    }


def pack_sentence_vectors(vectors: np.ndarray | None) -> bytes | None:
    if vectors is None or not len(vectors):
        return None
    return np.asarray(vectors[:MAX_SENTENCE_VECTORS], dtype=np.float16).tobytes()


def unpack_sentence_vectors(blob: bytes | None, dim: int) -> np.ndarray | None:
    if not blob:
        return None
    matrix = np.frombuffer(blob, dtype=np.float16).astype(np.float32).reshape(-1, dim)
    return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def published_from_columns(iso: str | None, precision: str | None) -> PublishedDate | None:
    """Inverse of ``PublishedDate.iso()`` ("2022-07-21", "2022-07", "2022") with its precision."""
    if not iso:
        return None
    padded = {"year": f"{iso}-01-01", "month": f"{iso}-01"}.get(precision or "day", iso)
    return PublishedDate(dt.date.fromisoformat(padded), precision or "day")  # type: ignore[arg-type]


def document_from_row(row: Any) -> Document:
    """Rebuild a Document without sentence texts from a stored row (sqlite3.Row or mapping)."""
    article = Article(
        id=row["id"],
        text=row["text"],
        title=row["title"],
        lang=row["lang"],
        published=published_from_columns(row["published"], row["precision"]),
        url=row["url"],
        outlet=row["outlet"],
        source=row["source"],
    )
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
        head_vector=head,
        sentence_vectors=unpack_sentence_vectors(row["sentence_vectors"], head.shape[0]),
    )


def _loads(row: Any, column: str) -> list[list[Any]]:
    return json.loads(row[column])
