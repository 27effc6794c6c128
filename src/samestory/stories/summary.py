"""What ``samestory stories`` shows: each story (or topic) with a representative title and its coverage."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import numpy as np

from samestory.documents.encoders import unpack_vector
from samestory.stories.corrections import absorbed_by, last_corrected
from samestory.stories.records import published_from_columns
from samestory.stories.store import StoryStore

Level = Literal["story", "topic"]
TOP_NAMES = 6


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """A stored article as listings show it: what it is, where it appeared, which story holds it."""

    id: str
    title: str | None
    lang: str
    outlet: str | None
    published: str | None
    url: str | None
    story: int


@dataclass(frozen=True, slots=True)
class ArticleLine(ArticleRef):
    """An article in a story listing; copies name the original they repeat."""

    duplicate_of: str | None = None


@dataclass(slots=True)
class GroupSummary:
    """One story (or topic): the shape of ``stories --json`` lines and of the API's story objects."""

    id: int
    level: Level
    title: str | None
    size: int
    languages: list[str]
    outlets: list[str]
    first_seen: str | None
    last_seen: str | None
    top_entities: list[str]
    top_places: list[str]
    articles: list[ArticleLine]
    stories: list[int] = field(default_factory=list)
    last_updated: str | None = None
    """When an article last joined or a person last corrected it (UTC), unlike ``last_seen`` (publication)."""
    absorbed: list[int] = field(default_factory=list)
    """Ids of the stories merged into this one: an id a reader kept still leads here."""

    def to_dict(self) -> dict[str, Any]:
        record = asdict(self)
        if self.level == "story":
            record.pop("stories")
        else:
            record.pop("absorbed")
        return record


_QUERY = (
    "SELECT a.key, a.id, coalesce(a.title, substr(a.text, 1, 300)) AS headline, a.title IS NOT NULL AS titled,"
    " a.lang, a.outlet, a.published, a.precision, a.day, a.url, a.duplicate_of, a.story, s.topic, a.entities,"
    " a.places, a.head_vector, a.ingested_at"
    " FROM articles a JOIN stories s ON s.id = a.story"
)
HEADLINE_CHARS = 120
"""Articles without a title are shown by the start of their first line, cut at a word."""


def summarise(
    store: StoryStore,
    level: Level = "story",
    since: dt.date | None = None,
    limit: int | None = None,
    ids: Iterable[int] | None = None,
) -> list[GroupSummary]:
    """Stories or topics, most recently seen first.

    ``since`` keeps those seen on or after that day (undated ones are left out); ``ids`` summarises only
    the given stories (or topics), for callers that show one.
    """
    column = "a.story" if level == "story" else "s.topic"
    inner = "id" if level == "story" else "topic"
    conditions, parameters = [], []
    if since is not None:
        conditions.append(f"{column} IN (SELECT {inner} FROM stories WHERE last_day >= ?)")
        parameters.append(float(since.toordinal()))
    if ids is not None:
        wanted = [int(i) for i in ids]
        conditions.append(f"{column} IN ({','.join('?' * len(wanted)) or 'NULL'})")
        parameters.extend(wanted)
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    groups: dict[int, list[Any]] = defaultdict(list)
    for row in store.execute(_QUERY + where + " ORDER BY a.key", tuple(parameters)):
        groups[row["story"] if level == "story" else row["topic"]].append(row)
    ids_by_key = {row["key"]: row["id"] for rows in groups.values() for row in rows}
    summaries = [_summarise_group(group, rows, level, ids_by_key) for group, rows in groups.items()]
    if level == "story":
        _add_corrections(store, summaries)
    summaries.sort(key=lambda s: (s.last_seen is None, _negated(s.last_seen), -s.size, s.id))
    return summaries[:limit] if limit else summaries


def _add_corrections(store: StoryStore, summaries: list[GroupSummary]) -> None:
    absorbed = absorbed_by(store)
    corrected = last_corrected(store)
    for summary in summaries:
        summary.absorbed = absorbed.get(summary.id, [])
        summary.last_updated = max(filter(None, (summary.last_updated, corrected.get(summary.id))), default=None)


def _negated(iso: str | None) -> float:
    if iso is None:
        return 0.0
    return -float(published_from_columns(iso, _precision_of(iso)).ordinal)  # type: ignore[union-attr]


def _precision_of(iso: str) -> str:
    return {4: "year", 7: "month"}.get(len(iso), "day")


def _summarise_group(group: int, rows: list[Any], level: Level, ids: dict[int, str]) -> GroupSummary:
    originals = [r for r in rows if r["duplicate_of"] is None] or rows
    dated = _dated_at_best_precision(rows)
    return GroupSummary(
        id=group,
        level=level,
        title=_representative_title(originals),
        size=len(rows),
        languages=_ranked(r["lang"] for r in rows),
        outlets=_ranked(r["outlet"] for r in rows if r["outlet"]),
        first_seen=dated[0]["published"] if dated else None,
        last_seen=dated[-1]["published"] if dated else None,
        top_entities=_top_names(rows, "entities", skip_prefix="role:"),
        top_places=_top_names(rows, "places"),
        articles=[
            _article_line(r, ids) for r in sorted(rows, key=lambda r: (r["day"] is None, r["day"] or 0, r["key"]))
        ],
        stories=sorted({r["story"] for r in rows}) if level == "topic" else [],
        last_updated=max(r["ingested_at"] for r in rows),
    )


def _dated_at_best_precision(rows: list[Any]) -> list[Any]:
    """Members with a publication day, in time order; members dated only to a month or year count only when no
    member has a day, so "first seen" and "last seen" are never a precise day beside a vague month."""
    dated = [r for r in rows if r["day"] is not None]
    by_day = [r for r in dated if (r["precision"] or "day") == "day"]
    return sorted(by_day or dated, key=lambda r: r["day"])


def _representative_title(rows: list[Any]) -> str | None:
    """The headline of the member nearest the group's mean vector (the most typical report), a real title if
    any member has one."""
    vectors = np.stack([unpack_vector(r["head_vector"]) for r in rows])
    closeness = vectors @ vectors.mean(axis=0) + np.array([2.0 if r["titled"] else 0.0 for r in rows])
    return headline(rows[int(np.argmax(closeness))]["headline"])


def headline(text: str | None) -> str | None:
    """A title, or the first line of a text cut at a word boundary; a byline ("By EUobserver") or a wire
    dateline ("(MENAFN)", "TRIPOLI (Reuters) -") in front is not what the article says, so it is skipped."""
    if not text or not text.strip():
        return None
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    while len(lines) > 1 and _BYLINE.match(lines[0]):
        lines.pop(0)
    line = _DATELINE.sub("", lines[0], count=1) or lines[0]
    if len(line) <= HEADLINE_CHARS:
        return line
    return line[:HEADLINE_CHARS].rsplit(" ", 1)[0] + " …"


_BYLINE = re.compile(r"(?i:by|von|par|por|di|door|av|af|przez|от|بقلم)\s+(?![a-z])\w[^.,;:!?]{0,60}$")
"""A short first line naming the writer or the outlet, in the languages whose bylines start with a word."""
_DATELINE = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ .,'/-]{1,40}\s*)?\([^()\n]{1,30}\)\s*[-–—:]?\s*")
"""A wire dateline: an optional capitalised place, then the source in parentheses, then a dash."""


def _ranked(values: Any) -> list[str]:
    return [value for value, _ in Counter(values).most_common()]


def _top_names(rows: list[Any], column: str, skip_prefix: str | None = None) -> list[str]:
    """Names mentioned by the most member articles (then most often): what the story is about."""
    articles: Counter[str] = Counter()
    mentions: Counter[str] = Counter()
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        seen = set()
        for key, name, _kind, count, _first in json.loads(row[column]):
            if skip_prefix and key.startswith(skip_prefix):
                continue
            names[key][name] += count
            mentions[key] += count
            seen.add(key)
        articles.update(seen)
    ranked = sorted(articles, key=lambda k: (-articles[k], -mentions[k], k))
    shown = dict.fromkeys(names[k].most_common(1)[0][0] for k in ranked)  # two keys can share a display name
    return list(shown)[:TOP_NAMES]


def _article_line(row: Any, ids: dict[int, str]) -> ArticleLine:
    return ArticleLine(
        id=row["id"],
        title=headline(row["headline"]),
        lang=row["lang"],
        outlet=row["outlet"],
        published=row["published"],
        url=row["url"],
        story=row["story"],
        duplicate_of=ids.get(row["duplicate_of"]) if row["duplicate_of"] is not None else None,
    )
