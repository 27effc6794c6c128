"""Store routes: ``/articles``, ``/articles/{id}``, ``/articles/{id}/similar``, ``/stories``, ``/coverage``.

Thin: parse, check limits, call the ``StoryStore`` Protocol, return its dicts. Ingest and coverage
encode text (CPU-bound) and go through the CPU runner; reads are cheap and use the default threadpool.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Path, Query

from samestory.api.convert import to_article
from samestory.api.errors import ApiError
from samestory.api.schemas import ArticleIn, ArticlesRequest, CoverageRequest, MergeRequest, SplitRequest
from samestory.api.state import AppState, get_state
from samestory.api.store import JsonDict, StoryStore
from samestory.articles.model import Article
from samestory.errors import InputError

router = APIRouter(tags=["store"])

StateDep = Annotated[AppState, Depends(get_state)]
IdPath = Annotated[str, Path(min_length=1, max_length=300)]
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "A token is required."},
    404: {"description": "Unknown id."},
    422: {"description": "Invalid request."},
    503: {"description": "No store configured (start with --db PATH), or busy."},
}


def require_store(state: AppState) -> StoryStore:
    if state.store is None:
        message = state.store_error or "this server was started without a story store; restart it with --db PATH"
        raise ApiError(503, "no_store", message)
    return state.store


def _not_found(kind: str, item_id: str) -> ApiError:
    return ApiError(404, "not_found", f"no {kind} with id {item_id!r} in the store")


def _articles_from_body(body: ArticlesRequest | ArticleIn, max_batch: int) -> list[Article]:
    items = body.articles if isinstance(body, ArticlesRequest) else [body]
    if len(items) > max_batch:
        raise ApiError(
            413,
            "batch_too_large",
            f"{len(items)} articles in one request, over the limit of {max_batch}; split the batch "
            "(the server's limit is set with --max-batch)",
        )
    articles: list[Article] = []
    problems: list[dict[str, str]] = []
    for index, item in enumerate(items):
        name = f"articles[{index}]" if isinstance(body, ArticlesRequest) else "article"
        try:
            articles.append(to_article(item, name))
        except InputError as error:
            problems.append({"field": error.item, "message": error.reason})
    if problems:
        raise ApiError(
            422,
            "invalid_article",
            f"{problems[0]['field']}: {problems[0]['message']}; nothing was stored",
            problems,
        )
    return articles


@router.post("/articles", summary="Store one article or a batch", responses=ERRORS)
async def post_articles(
    state: StateDep,
    body: Annotated[ArticlesRequest | ArticleIn, Body(description="One article, or {'articles': [...]}.")],
) -> JsonDict:
    store = require_store(state)
    articles = _articles_from_body(body, state.settings.max_batch)
    results = await state.runner.run(lambda: store.ingest(articles))
    statuses = [r.get("status") for r in results]
    return {
        "results": results,
        "added": statuses.count("added"),
        "near_duplicates": statuses.count("near_duplicate"),
        "duplicates": statuses.count("duplicate"),
        "refused": statuses.count("refused"),
        "failed": statuses.count("failed"),
    }


@router.get("/articles/{article_id}", summary="One stored article", responses=ERRORS)
def get_article(article_id: IdPath, state: StateDep) -> JsonDict:
    found = require_store(state).article(article_id)
    if found is None:
        raise _not_found("article", article_id)
    return found


@router.get("/articles/{article_id}/similar", summary="Nearest stored articles", responses=ERRORS)
def get_similar(article_id: IdPath, state: StateDep, k: Annotated[int, Query(ge=1, le=100)] = 10) -> JsonDict:
    found = require_store(state).similar(article_id, k)
    if found is None:
        raise _not_found("article", article_id)
    return {"id": article_id, "similar": found}


Level = Literal["story", "topic"]
LevelQuery = Annotated[
    Level | None, Query(description="'story' (one happening) or 'topic' (a happening and its siblings).")
]
SinceQuery = Annotated[
    str | None,
    Query(
        pattern=r"^\d{4}-\d{2}-\d{2}$",
        description="Only stories seen on or after this day (YYYY-MM-DD).",
        json_schema_extra={"format": "date"},
    ),
]


def _parse_day(value: str | None) -> dt.date | None:
    """``since`` is matched as text first: pydantic would also take ``0`` as a Unix timestamp."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ApiError(422, "invalid_request", f"since: {value!r} is not a calendar date (YYYY-MM-DD)") from None


def _check_level(store: StoryStore, level: str | None) -> None:
    known = store.levels()
    if level is not None and level not in known:
        raise ApiError(422, "invalid_request", f"level: {level!r} is not one of {', '.join(known)}")


@router.get("/stories", summary="Stories in the store", responses=ERRORS)
def get_stories(
    state: StateDep,
    since: SinceQuery = None,
    level: LevelQuery = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> JsonDict:
    store = require_store(state)
    _check_level(store, level)
    return {"stories": store.stories(_parse_day(since), level, limit)}


@router.get("/stories/{story_id}", summary="One story: articles, languages, outlets, timeline", responses=ERRORS)
def get_story(story_id: IdPath, state: StateDep, level: LevelQuery = None) -> JsonDict:
    store = require_store(state)
    _check_level(store, level)
    found = store.story(story_id, level)
    if found is None:
        raise _not_found("story", story_id)
    return found


@router.post("/stories/{story_id}/merge", summary="Merge another story into this one (logged)", responses=ERRORS)
def post_merge(story_id: IdPath, body: MergeRequest, state: StateDep) -> JsonDict:
    return _correct(state, story_id, "merge", body.other, [], body.by)


@router.post("/stories/{story_id}/split", summary="Move articles of this story to a new one (logged)", responses=ERRORS)
def post_split(story_id: IdPath, body: SplitRequest, state: StateDep) -> JsonDict:
    return _correct(state, story_id, "split", None, body.articles, body.by)


def _correct(
    state: AppState, story_id: str, action: str, other: int | None, articles: list[str], by: str | None
) -> JsonDict:
    store = require_store(state)
    try:
        return store.correct(story_id, action, other, articles, by)
    except InputError as error:
        if "is not a story of this store" in error.reason:
            raise _not_found("story", error.item) from None
        raise ApiError(422, "invalid_correction", str(error)) from None


@router.post("/coverage", summary="Stored coverage of the story an article tells, stored or not", responses=ERRORS)
async def post_coverage(body: CoverageRequest, state: StateDep) -> JsonDict:
    store = require_store(state)
    article = to_article(body.article, "article")
    return await state.runner.run(lambda: store.coverage(article, body.k))
