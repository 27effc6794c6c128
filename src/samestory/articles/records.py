"""Articles from structured records (JSON Lines, CSV rows, JSON objects) with configurable field names."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from samestory.articles.dates import parse_published
from samestory.articles.model import Article
from samestory.articles.text import require_text
from samestory.errors import InputError


@dataclass(frozen=True, slots=True)
class FieldMap:
    """Which record field holds which Article attribute; users' exports name them differently."""

    id: str = "id"
    title: str = "title"
    text: str = "text"
    lang: str = "lang"
    date: str = "date"
    url: str = "url"
    outlet: str = "outlet"

    @classmethod
    def parse(cls, spec: str | None) -> FieldMap:
        """Read overrides such as ``"text=body,date=published_at"``."""
        if not spec:
            return cls()
        overrides: dict[str, str] = {}
        for part in spec.split(","):
            key, sep, value = part.partition("=")
            key, value = key.strip(), value.strip()
            if not sep or key not in cls.__dataclass_fields__ or not value:
                known = ", ".join(cls.__dataclass_fields__)
                raise InputError("--fields", f"cannot read {part!r}: use NAME=COLUMN with NAME one of {known}")
            overrides[key] = value
        return cls(**overrides)


def _optional_str(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def article_from_record(record: Mapping[str, object], item: str, fallback_id: str, fields: FieldMap) -> Article:
    if not isinstance(record, Mapping):
        raise InputError(item, f"is a JSON {type(record).__name__}, not an object with a {fields.text!r} field")
    raw_text = record.get(fields.text)
    if raw_text is not None and not isinstance(raw_text, str):
        raise InputError(item, f"field {fields.text!r} is not a string")
    article_id = _optional_str(record.get(fields.id)) or fallback_id
    named = f"{item} (id {article_id})" if article_id != fallback_id else item
    title = _optional_str(record.get(fields.title))
    text = require_text(raw_text if raw_text else title, named)
    return Article(
        id=article_id,
        text=text,
        title=title,
        lang=_optional_str(record.get(fields.lang)),
        published=parse_published(record.get(fields.date)),
        url=_optional_str(record.get(fields.url)),
        outlet=_optional_str(record.get(fields.outlet)),
        source=item,
    )
