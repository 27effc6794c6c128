"""/health and /openapi.json: what monitors and client generators rely on."""

from __future__ import annotations

from fastapi.testclient import TestClient

import samestory


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
