"""Request bodies of the JSON API; strict (unknown fields are refused) so typos fail loudly."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from samestory.articles.dates import parse_published
from samestory.articles.text import DEFAULT_MAX_BYTES
from samestory.documents.language import is_declared_language_valid

ShortText = Annotated[str | None, Field(default=None, max_length=2000)]


class ArticleIn(BaseModel):
    """One article as a client sends it; only ``text`` is required (or ``title`` for a headline)."""

    model_config = ConfigDict(extra="forbid")

    text: Annotated[str | None, Field(max_length=DEFAULT_MAX_BYTES, description="Body text (plain).")] = None
    title: ShortText = None
    lang: Annotated[str | None, Field(max_length=35, description="ISO 639 code; detected when null.")] = None
    date: Annotated[str | None, Field(max_length=64, description="Publication date: 2020-06-07, 2020-06 or 2020.")] = (
        None
    )
    url: ShortText = None
    outlet: Annotated[str | None, Field(max_length=300)] = None
    id: Annotated[str | None, Field(max_length=300, description="Your id; derived from the content if null.")] = None

    @field_validator("lang")
    @classmethod
    def _a_real_language(cls, lang: str | None) -> str | None:
        if not is_declared_language_valid(lang):
            raise ValueError(f"{lang!r} is no ISO 639 language code (en, de, zh-CN, …); send null to detect it")
        return lang

    @field_validator("date")
    @classmethod
    def _a_real_date(cls, date: str | None) -> str | None:
        if date and date.strip() and parse_published(date) is None:
            raise ValueError(f"{date!r} is not a date (2020-06-07, 2020-06, 2020 or an ISO timestamp); send null")
        return date

    def record(self) -> dict[str, Any]:
        return self.model_dump()


EXAMPLE_A = {
    "title": "Dresden evacuates old town as the Elbe rises",
    "text": "Authorities in Dresden asked 4,200 residents to leave the old town on Tuesday as the Elbe rose.",
    "lang": "en",
    "date": "2024-09-17",
}
EXAMPLE_B = {
    "title": "Dresden räumt die Altstadt",
    "text": "Wegen des Elbe-Hochwassers mussten am Dienstag 4200 Menschen die Dresdner Altstadt verlassen.",
    "lang": "de",
    "date": "2024-09-17",
}


class CompareRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"a": EXAMPLE_A, "b": EXAMPLE_B}]})

    a: ArticleIn
    b: ArticleIn


class ArticlesRequest(BaseModel):
    """A batch for ``POST /articles``; a single article may also be sent as a bare object."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"articles": [EXAMPLE_A, EXAMPLE_B]}]})

    articles: Annotated[list[ArticleIn], Field(min_length=1)]


class CoverageRequest(BaseModel):
    """An article that is not stored: find the stored coverage of its story."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"article": EXAMPLE_B, "k": 5}]})

    article: ArticleIn
    k: Annotated[int, Field(ge=1, le=100)] = 20


ByField = Annotated[
    str | None, Field(max_length=200, description="Who corrects, for the log (default: the server's user).")
]


class MergeRequest(BaseModel):
    """Merge another story into this one (the older id is kept)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"other": 7, "by": "desk"}]})

    other: int
    by: ByField = None


class SplitRequest(BaseModel):
    """Move these articles of the story (and their copies) into a new story."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"articles": ["a-12"], "by": "desk"}]})

    articles: Annotated[list[Annotated[str, Field(min_length=1, max_length=300)]], Field(min_length=1, max_length=1000)]
    by: ByField = None
