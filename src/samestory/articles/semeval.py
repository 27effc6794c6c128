"""SemEval-2022 Task 8 data as users have it: the pairs CSV and the official downloader's article JSON.

The downloader stores each article at ``DIR/<last two digits of id>/<id>.json`` with newspaper3k's
fields; the pairs CSV names the six dimensions in full (training release) or abbreviated (test release).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from samestory.articles.dates import parse_published
from samestory.articles.model import Article, ReadFailure
from samestory.articles.text import decode_bytes, require_text
from samestory.errors import InputError

DIMENSIONS = ("overall", "geography", "entities", "time", "narrative", "style", "tone")
_COLUMN_ALIASES = {
    "overall": ("overall",),
    "geography": ("geography", "geo"),
    "entities": ("entities", "ent"),
    "time": ("time",),
    "narrative": ("narrative", "nar"),
    "style": ("style",),
    "tone": ("tone",),
}


@dataclass(frozen=True, slots=True)
class SemEvalPair:
    """One labelled pair; scores are on the task's 1–4 scale (1 = very similar), None when unlabelled."""

    pair_id: str
    id1: str
    id2: str
    lang1: str | None
    lang2: str | None
    scores: dict[str, float] = field(default_factory=dict)

    @property
    def overall(self) -> float | None:
        return self.scores.get("overall")

    @property
    def language_pair(self) -> str:
        return f"{self.lang1 or '?'}_{self.lang2 or '?'}"


def read_pairs_csv(path: Path) -> Iterator[SemEvalPair | ReadFailure]:
    text = decode_bytes(path.read_bytes(), str(path), max_bytes=500_000_000)
    reader = csv.DictReader(io.StringIO(text))
    columns = {name.strip().lower(): name for name in reader.fieldnames or []}
    if "pair_id" not in columns:
        yield ReadFailure(str(path), "is not a SemEval pairs CSV: it has no pair_id column")
        return
    for number, row in enumerate(reader, start=2):
        item = f"{path}:{number}"
        try:
            yield _pair_from_row(row, columns, item)
        except InputError as error:
            yield ReadFailure(error.item, error.reason)


def _pair_from_row(row: dict[str, str], columns: dict[str, str], item: str) -> SemEvalPair:
    pair_id = (row.get(columns["pair_id"]) or "").strip()
    id1, sep, id2 = pair_id.partition("_")
    if not sep or not id1 or not id2:
        raise InputError(item, f"pair_id {pair_id!r} is not of the form ID1_ID2")
    scores: dict[str, float] = {}
    for dimension, aliases in _COLUMN_ALIASES.items():
        column = next((columns[a] for a in aliases if a in columns), None)
        value = (row.get(column) or "").strip() if column else ""
        if value:
            try:
                scores[dimension] = float(value)
            except ValueError as error:
                raise InputError(item, f"{column} is {value!r}, not a number") from error
    return SemEvalPair(
        pair_id=pair_id,
        id1=id1,
        id2=id2,
        lang1=(row.get(columns.get("url1_lang", ""), "") or "").strip() or None,
        lang2=(row.get(columns.get("url2_lang", ""), "") or "").strip() or None,
        scores=scores,
    )


def semeval_article_path(directory: Path, article_id: str) -> Path:
    return directory / article_id[-2:] / f"{article_id}.json"


def read_semeval_article(directory: Path, article_id: str, lang: str | None = None) -> Article:
    path = semeval_article_path(directory, article_id)
    if not path.exists():
        raise InputError(article_id, f"no downloaded article at {path}")
    return article_from_newspaper_json(path.read_bytes(), str(path), article_id, lang)


def article_from_newspaper_json(data: bytes, item: str, article_id: str, lang: str | None = None) -> Article:
    try:
        record = json.loads(decode_bytes(data, item))
    except json.JSONDecodeError as error:
        raise InputError(item, f"is not valid JSON ({error.msg})") from error
    if not isinstance(record, dict):
        raise InputError(item, "is not a JSON object with title and text")
    return article_from_newspaper_record(record, item, article_id, lang)


def article_from_newspaper_record(record: dict, item: str, article_id: str, lang: str | None = None) -> Article:  # type: ignore[type-arg]
    """The downloader's (newspaper3k's) article object, already parsed."""
    title = (record.get("title") or "").strip() or None
    text = require_text(record.get("text") or record.get("meta_description") or title, item)
    source_url = record.get("source_url") or None
    return Article(
        id=article_id,
        text=text,
        title=title,
        lang=(record.get("meta_lang") or lang or None),
        published=parse_published(record.get("publish_date")),
        url=record.get("url") or None,
        outlet=_host(source_url or record.get("url")),
        source=item,
    )


def iter_semeval_dir(directory: Path) -> Iterator[Article | ReadFailure]:
    """Every downloaded article under a downloader directory, for ingesting a whole release."""
    for path in sorted(directory.glob("*/*.json")):
        try:
            yield article_from_newspaper_json(path.read_bytes(), str(path), path.stem)
        except InputError as error:
            yield ReadFailure(error.item, error.reason)


def is_semeval_dir(directory: Path) -> bool:
    return any(part.is_dir() and len(part.name) == 2 and part.name.isdigit() for part in directory.iterdir())


def _host(url: str | None) -> str | None:
    if not url:
        return None
    from urllib.parse import urlparse

    host = urlparse(url if "//" in url else f"//{url}").hostname or ""
    return host.removeprefix("www.") or None
