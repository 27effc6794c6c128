"""Store routes over the StoryStore Protocol: shapes, 404s, validation, and 503 without a store."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

FLOOD_EN = {
    "id": "flood-en",
    "title": "Elbe floodwaters force evacuation of Dresden",
    "text": "Authorities in Dresden asked thousands of residents to leave the old town on Tuesday.",
    "lang": "en",
    "date": "2024-09-17",
    "outlet": "Example Times",
    "url": "https://times.example/flood",
}
FLOOD_DE = {
    "title": "Evakuierung in Dresden wegen Elbe-Hochwasser",
    "text": "Die Behörden in Dresden forderten am Dienstag Tausende Anwohner auf, die Altstadt zu verlassen.",
    "lang": "de",
    "date": "2024-09-18",
}


def test_post_one_article_then_read_it(client: TestClient) -> None:
    response = client.post("/articles", json=FLOOD_EN)
    assert response.status_code == 200
    body = response.json()
    assert body["added"] == 1 and body["duplicates"] == 0
    assert body["results"][0]["id"] == "flood-en"
    article = client.get("/articles/flood-en").json()
    assert article["title"] == FLOOD_EN["title"]
    assert article["published"] == "2024-09-17"
    assert article["text"].startswith("Authorities")


def test_batch_with_duplicate_and_derived_id(client: TestClient) -> None:
    response = client.post("/articles", json={"articles": [FLOOD_EN, FLOOD_DE, {**FLOOD_EN, "id": "copy"}]})
    body = response.json()
    assert [r["status"] for r in body["results"]] == ["added", "added", "duplicate"]
    assert body["results"][2]["duplicate_of"] == "flood-en"
    derived = body["results"][1]["id"]
    assert derived.startswith("c-")
    assert client.post("/articles", json=FLOOD_DE).json()["results"][0]["id"] == derived


def test_bad_article_in_batch_names_it_and_stores_nothing(client: TestClient, store: Any) -> None:
    response = client.post("/articles", json={"articles": [FLOOD_EN, {"text": "  "}, {"text": "123"}]})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_article"
    assert error["message"].startswith("articles[1]")
    assert [d["field"] for d in error["details"]] == ["articles[1]", "articles[2]"]
    assert not store.articles


def test_unknown_ids_are_404(client: TestClient) -> None:
    for path in ("/articles/nope", "/articles/nope/similar", "/stories/nope"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json()["error"]["code"] == "not_found"
        assert "nope" in response.json()["error"]["message"]


def test_similar_stories_and_story(client: TestClient) -> None:
    client.post("/articles", json={"articles": [FLOOD_EN, {**FLOOD_EN, "id": "flood-2", "text": "Other words here."}]})
    similar = client.get("/articles/flood-en/similar?k=5").json()
    assert [s["id"] for s in similar["similar"]] == ["flood-2"]
    stories = client.get("/stories").json()["stories"]
    assert len(stories) == 1 and stories[0]["size"] == 2
    story = client.get(f"/stories/{stories[0]['id']}").json()
    assert {a["id"] for a in story["articles"]} == {"flood-en", "flood-2"}
    assert client.get("/stories?since=2030-01-01").json()["stories"] == []


def test_stories_validation(client: TestClient) -> None:
    assert client.get("/stories?since=yesterday").status_code == 422
    bad_level = client.get("/stories?level=galaxy")
    assert bad_level.status_code == 422
    assert "story" in bad_level.json()["error"]["message"]
    assert client.get("/stories?level=topic").status_code == 200


def test_coverage_does_not_store(client: TestClient, store: Any) -> None:
    client.post("/articles", json=FLOOD_EN)
    response = client.post("/coverage", json={"article": {"title": FLOOD_EN["title"], "text": "Dresden floods."}})
    assert response.status_code == 200
    assert [a["id"] for a in response.json()["articles"]] == ["flood-en"]
    assert len(store.articles) == 1


def test_without_a_store_the_routes_say_how_to_get_one(make_client: Any) -> None:
    with make_client(None) as client:
        for method, path in (("GET", "/stories"), ("GET", "/articles/x"), ("POST", "/articles")):
            response = client.request(method, path, json=FLOOD_EN)
            assert response.status_code == 503
            assert "--db PATH" in response.json()["error"]["message"]
        assert client.get("/health").json()["store"] is False


def test_store_is_not_closed_when_passed_in(make_client: Any, store: Any) -> None:
    with make_client(store) as client:
        client.get("/health")
    assert store.closed is False


def test_one_or_batch_errors_speak_of_the_shape_the_client_meant(client: TestClient) -> None:
    cases = {
        '{"text": 5}': "text",
        '{"txt": "An article."}': "txt",
        '{"articles": []}': "articles",
        '{"articles": [{"text": 5}]}': "articles.0.text",
    }
    for raw, field in cases.items():
        response = client.post("/articles", content=raw, headers={"content-type": "application/json"})
        assert response.status_code == 422, raw
        error = response.json()["error"]
        assert [d["field"] for d in error["details"]] == [field], raw
        assert "ArticleIn" not in error["message"] and "ArticlesRequest" not in error["message"]


def test_since_must_be_a_calendar_day(client: TestClient) -> None:
    for since in ("0", "1700000000", "2024-9-1", "2024-02-31"):
        response = client.get(f"/stories?since={since}")
        assert response.status_code == 422, since
        assert response.json()["error"]["message"].startswith("since")


def test_undecodable_body_is_a_422(client: TestClient) -> None:
    response = client.post("/articles", content=b"\x14\xff\xfe*", headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert response.json()["error"]["message"] == "body: not a UTF-8 JSON document"
