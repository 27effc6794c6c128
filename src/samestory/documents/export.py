"""Documents as plain JSON-ready dicts, for ``inspect --json``, the API and the store."""

from __future__ import annotations

from typing import Any

from samestory.documents.model import Document


def document_to_dict(document: Document) -> dict[str, Any]:
    article = document.article
    return {
        "id": article.id,
        "title": article.title,
        "url": article.url,
        "outlet": article.outlet,
        "published": article.published.iso() if article.published else None,
        "source": article.source,
        "lang": document.lang,
        "lang_confidence": document.lang_confidence,
        "sentences": len(document.sentences),
        "entities": [
            {"key": e.key, "name": e.name, "kind": e.kind, "forms": e.forms, "count": e.count}
            for e in document.entities
        ],
        "places": [
            {"key": p.key, "name": p.name, "country": p.country, "forms": p.forms, "count": p.count}
            for p in document.places
        ],
        "dates": [{"date": d.key, "precision": d.precision, "text": d.text} for d in document.dates],
        "time_expressions": [t.text for t in document.time_expressions],
        "numbers": [{"key": q.key, "value": q.value, "unit": q.unit, "text": q.text} for q in document.numbers],
        "warnings": document.warnings,
    }
