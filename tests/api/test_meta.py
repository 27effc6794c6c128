"""/health and /openapi.json: what monitors and client generators rely on."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import samestory
from samestory.api import ApiSettings
from samestory.api.app import with_store_scorer
from samestory.pairs.scoring import shipped_scorer_path
from samestory.stories.store import StoryStore


def test_health(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok"
    assert body["version"] == samestory.__version__
    assert body["ready"] is True and body["store"] is True


def test_openapi_lists_every_route(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for path in (
        "/compare",
        "/articles",
        "/articles/{article_id}",
        "/articles/{article_id}/similar",
        "/stories",
        "/stories/{story_id}",
        "/coverage",
        "/health",
    ):
        assert path in paths, path
    assert "/" not in paths  # pages are not API
    compare = paths["/compare"]["post"]
    assert compare["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("CompareRequest")
    assert "Comparison" in schema["components"]["schemas"]


def test_no_cdn_docs(client: TestClient) -> None:
    assert client.get("/docs").status_code == 404


def test_security_headers(client: TestClient) -> None:
    response = client.get("/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(("encoder", "dim", "mode"), [("use-static", 256, "fast"), ("use+e5", 512, "precise")])
def test_a_store_of_another_mode_brings_its_scorer(tmp_path: Path, encoder: str, dim: int, mode: str) -> None:
    """Served without --scorer, a fast or precise store's own scorer also serves /compare: one judgement."""
    db = tmp_path / "s.db"
    StoryStore.open(db, encoder=encoder, dim=dim).close()
    settings = with_store_scorer(ApiSettings(db=db))
    assert settings.scorer == shipped_scorer_path(mode)  # type: ignore[arg-type]
    assert with_store_scorer(ApiSettings(db=tmp_path / "new.db")).scorer is None  # a new store: the default
    chosen = tmp_path / "mine.json"
    assert with_store_scorer(ApiSettings(db=db, scorer=chosen)).scorer == chosen  # asked for: kept (and checked)
