"""POST /compare: the response is exactly ``samestory.compare(a, b).to_dict()``; bad input is a 4xx."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

import samestory
from samestory.articles.model import Article
from samestory.pairs.comparison import (
    AlignedClaim,
    Comparison,
    Evidence,
    Overlap,
    Scores,
    SharedItem,
    SideSummary,
)

EN = "Floods in Dresden: the Elbe rose past nine metres on Tuesday and 4,200 residents left the old town."
DE = "Hochwasser in Dresden: Die Elbe stieg am Dienstag über neun Meter, 4200 Anwohner gingen."


def stub_comparison(a: Article, b: Article) -> Comparison:
    side = lambda art: SideSummary(art.id, art.title, art.lang or "en", None, None, art.url)  # noqa: E731
    shared = SharedItem("city:2935022", "Dresden", "place", ["Dresden"], ["Dresden"])
    return Comparison(
        a=side(a),
        b=side(b),
        similarity=0.912345,
        related=0.95,
        label="same_story",
        scores=Scores(1.23456, 1.0, 1.5, 1.2, 1.4, 2.0, 2.2),
        evidence=Evidence(
            entities=Overlap(),
            places=Overlap(shared=[shared]),
            dates=Overlap(),
            numbers=Overlap(),
            aligned_claims=[AlignedClaim([0], [0], [a.text], [b.text], 0.9, ["Dresden"])],
            only_a_sentences=[],
            only_b_sentences=[],
        ),
        a_sentences=[a.text],
        b_sentences=[b.text],
    )


@pytest.fixture
def stub_compare(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Article, Article]]:
    calls: list[tuple[Article, Article]] = []

    def fake(a: Article, b: Article, **_: Any) -> Comparison:
        calls.append((a, b))
        return stub_comparison(a, b)

    monkeypatch.setattr(samestory, "compare", fake)
    return calls


def test_compare_returns_the_to_dict_json(client: TestClient, stub_compare: list[tuple[Article, Article]]) -> None:
    body = {
        "a": {
            "text": EN,
            "title": "Elbe flood",
            "lang": "en",
            "date": "2024-09-17",
            "url": "https://a.example/1",
        },
        "b": {"text": DE, "title": None, "lang": None, "date": None, "url": None},
    }
    response = client.post("/compare", json=body)
    assert response.status_code == 200
    a, b = stub_compare[0]
    assert response.json() == stub_comparison(a, b).to_dict()
    assert a.id == "a" and b.id == "b"
    assert a.published is not None and a.published.iso() == "2024-09-17"
    assert a.lang == "en" and a.url == "https://a.example/1"


def test_compare_repairs_text_like_the_readers(client: TestClient, stub_compare: list[tuple[Article, Article]]) -> None:
    client.post("/compare", json={"a": {"text": "  CAIRO â€” one   two\r\n"}, "b": {"text": DE}})
    a, _ = stub_compare[0]
    assert a.text == "CAIRO — one two"


def test_title_alone_is_enough(client: TestClient, stub_compare: list[tuple[Article, Article]]) -> None:
    response = client.post("/compare", json={"a": {"title": "Elbe floods Dresden"}, "b": {"text": DE}})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"a": {"text": EN}}, "b"),
        ({"a": {"text": EN}, "b": {"text": DE}, "c": {}}, "c"),
        ({"a": {"text": EN, "body": "x"}, "b": {"text": DE}}, "a.body"),
        ({"a": {"text": 42}, "b": {"text": DE}}, "a.text"),
        ({"a": "just a string", "b": {"text": DE}}, "a"),
        ({"a": {"text": EN, "lang": "x" * 100}, "b": {"text": DE}}, "a.lang"),
        ({"a": {"text": EN, "lang": "xx"}, "b": {"text": DE}}, "a.lang"),
        ({"a": {"text": EN}, "b": {"text": DE, "date": "yesterday"}}, "b.date"),
        ([1, 2], "body"),
    ],
)
def test_invalid_bodies_name_the_field(client: TestClient, body: Any, field: str) -> None:
    response = client.post("/compare", json=body)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_request"
    assert field in [d["field"] for d in error["details"]]
    assert error["message"].startswith(error["details"][0]["field"])


@pytest.mark.parametrize("text", ["", "   ", "12345 !!! ---", None])
def test_article_without_letters_is_refused(client: TestClient, stub_compare: list[Any], text: str | None) -> None:
    response = client.post("/compare", json={"a": {"text": EN}, "b": {"text": text}})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_article"
    assert error["message"].startswith("b")
    assert not stub_compare


def test_not_json_is_a_clear_422(client: TestClient) -> None:
    response = client.post("/compare", content=b'{"a": {"text": "x"', headers={"content-type": "application/json"})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_request"
    message = "not valid JSON (Expecting ',' delimiter at character 18)"
    assert error["details"] == [{"field": "body", "message": message}]


def test_declared_codes_and_dates_that_name_something_are_accepted(
    client: TestClient, stub_compare: list[tuple[Article, Article]]
) -> None:
    a = {"text": EN, "lang": "deu", "date": "2024-09-17T08:00:00Z"}
    response = client.post("/compare", json={"a": a, "b": {"text": DE, "lang": "zh-CN", "date": "2024-09"}})
    assert response.status_code == 200, response.text


def test_wrong_method_and_unknown_path_use_the_error_shape(client: TestClient) -> None:
    assert client.get("/compare").json()["error"]["code"] == "method_not_allowed"
    missing = client.get("/no/such/path")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"


def test_missing_compare_implementation_is_503(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(*_: Any, **__: Any) -> Comparison:
        raise ModuleNotFoundError("No module named 'samestory.pairs.compare'")

    monkeypatch.setattr(samestory, "compare", missing)
    response = client.post("/compare", json={"a": {"text": EN}, "b": {"text": DE}})
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "compare_unavailable"


def test_unexpected_failure_is_a_500_without_traceback(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: Any, **__: Any) -> Comparison:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(samestory, "compare", broken)
    response = client.post("/compare", json={"a": {"text": EN}, "b": {"text": DE}})
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "internal_error"
    assert "secret" not in response.text


@pytest.mark.slow
def test_real_compare_matches_the_python_api(client: TestClient) -> None:
    pytest.importorskip("samestory.pairs.compare", reason="compare is not implemented yet")
    from samestory.api.convert import to_article
    from samestory.api.schemas import ArticleIn

    body = {"a": {"text": EN, "lang": "en", "date": "2024-09-17"}, "b": {"text": DE, "date": "2024-09-17"}}
    response = client.post("/compare", json=body)
    assert response.status_code == 200, response.text
    a = to_article(ArticleIn(**body["a"]), "a", fallback_id="a")
    b = to_article(ArticleIn(**body["b"]), "b", fallback_id="b")
    assert response.json() == samestory.compare(a, b).to_dict()
