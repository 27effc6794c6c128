"""The server-rendered pages: compare (``/``), stories, one story, find coverage.

Pages read the store directly (cheap reads); the compare and coverage forms call the JSON API from
``static/*.js`` so that the browser shows exactly what API clients get.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

import samestory
from samestory.api.middleware import TOKEN_COOKIE
from samestory.api.state import AppState
from samestory.web.timeline import build_timeline, counts_by_day
from samestory.web.views import group_articles, language_name, plural, safe_url

TEMPLATES = Path(__file__).parent / "templates"

environment = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,  # every page shows third-party text: escape everything, always
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
environment.globals.update(version=samestory.__version__, safe_url=safe_url, language_name=language_name, plural=plural)

router = APIRouter(include_in_schema=False)


def _state(request: Request) -> AppState:
    state: AppState = request.app.state.samestory
    return state


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = environment.get_template(template).render(path=request.url.path, **context)
    return HTMLResponse(html, status_code=status)


def _token_login(request: Request) -> Response | None:
    """``?token=…`` on a page (already checked by the token middleware) becomes a cookie, then is
    removed from the address bar so it is not bookmarked or shown."""
    token = request.query_params.get("token")
    if not token or not _state(request).settings.token:
        return None
    rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
    target = request.url.path + (f"?{urlencode(rest)}" if rest else "")
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict", secure=request.url.scheme == "https")
    return response


@router.get("/", response_class=HTMLResponse)
def compare_page(request: Request) -> Response:
    return _token_login(request) or render(request, "compare.html", title="Compare two articles")


@router.get("/ui/coverage", response_class=HTMLResponse)
def coverage_page(request: Request) -> Response:
    state = _state(request)
    return _token_login(request) or render(
        request,
        "coverage.html",
        title="Find coverage",
        has_store=state.store is not None,
        store_error=state.store_error,
    )


def _parse_since(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


STORIES_SHOWN = 200
"""The story list shows the most recently seen stories; the rest are reached by "seen since"."""


@router.get("/ui/stories", response_class=HTMLResponse)
def stories_page(request: Request, since: str | None = None, level: str | None = None) -> Response:
    if (login := _token_login(request)) is not None:
        return login
    state = _state(request)
    if state.store is None:
        return render(request, "no_store.html", status=503, title="Stories", store_error=state.store_error)
    levels = state.store.levels()
    chosen_level = level if level in levels else None
    since_day = _parse_since(since)
    stories = state.store.stories(since_day, chosen_level, STORIES_SHOWN)
    overall: dict[dt.date, int] = {}
    rows = []
    for story in stories:
        counts = counts_by_day(story.get("per_day") or [])
        for day, count in counts.items():
            overall[day] = overall.get(day, 0) + count
        rows.append({"story": story, "spark": build_timeline(counts, width=160, height=24)})
    return render(
        request,
        "stories.html",
        title="Topics" if chosen_level == "topic" else "Stories",
        rows=rows,
        overall=build_timeline(overall, width=900, height=80),
        members=sum(int(story.get("size", 0)) for story in stories),
        truncated=len(stories) == STORIES_SHOWN,
        levels=levels,
        level=chosen_level or (levels[0] if levels else ""),
        since=since_day.isoformat() if since_day else "",
        bad_since=bool(since) and since_day is None,
    )


@router.get("/ui/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str, level: str | None = None) -> Response:
    if (login := _token_login(request)) is not None:
        return login
    state = _state(request)
    if state.store is None:
        return render(request, "no_store.html", status=503, title="Story", store_error=state.store_error)
    chosen_level = level if level in state.store.levels() else None
    story = state.store.story(story_id, chosen_level)
    if story is None:
        return render(request, "not_found.html", status=404, title="No such story", what="story", item=story_id)
    articles = story.get("articles") or []
    return render(
        request,
        "story.html",
        title=story.get("title") or f"Story {story_id}",
        story=story,
        groups=group_articles(articles),
        story_level=chosen_level or "story",
        timeline=build_timeline(counts_by_day(story.get("per_day") or []), width=900, height=80),
    )
