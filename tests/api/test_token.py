"""The optional bearer token guards every route but /health; the web pages log in with a cookie."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from samestory.api.settings import TOKEN_ENV, token_from_env

TOKEN = "s3cret-token"


@pytest.fixture
def guarded(make_client: Any, store: Any) -> Iterator[TestClient]:
    with make_client(store, token=TOKEN) as client:
        yield client


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/compare"),
        ("POST", "/articles"),
        ("GET", "/articles/x"),
        ("GET", "/stories"),
        ("GET", "/openapi.json"),
        ("GET", "/"),
        ("GET", "/ui/stories"),
        ("GET", "/static/style.css"),
    ],
)
def test_every_route_needs_the_token(guarded: TestClient, method: str, path: str) -> None:
    response = guarded.request(method, path, json={})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
    assert response.headers["www-authenticate"].startswith("Bearer")
    wrong = guarded.request(method, path, json={}, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401


def test_health_is_open(guarded: TestClient) -> None:
    response = guarded.get("/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_right_token_passes(guarded: TestClient) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    assert guarded.get("/stories", headers=headers).status_code == 200
    assert guarded.get("/openapi.json", headers=headers).status_code == 200
    # reaches validation, so the token was accepted
    assert guarded.post("/compare", json={}, headers=headers).status_code == 422


def test_page_token_becomes_a_cookie(guarded: TestClient) -> None:
    response = guarded.get(f"/ui/stories?token={TOKEN}&since=2024-01-01", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/ui/stories?since=2024-01-01"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert guarded.get("/ui/stories").status_code == 200  # the client keeps the cookie
    assert guarded.post("/compare", json={}).status_code == 422


def test_query_token_only_works_for_pages(guarded: TestClient) -> None:
    assert guarded.get(f"/stories?token={TOKEN}").status_code == 401
    assert guarded.post(f"/compare?token={TOKEN}", json={}).status_code == 401


def test_token_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TOKEN_ENV, "from-env")
    assert token_from_env(None) == "from-env"
    assert token_from_env("explicit") == "explicit"
    monkeypatch.setenv(TOKEN_ENV, "")
    assert token_from_env(None) is None


def test_no_token_configured_means_open(client: TestClient) -> None:
    assert client.get("/stories").status_code == 200
