"""The store routes against the real story store (``samestory.stories``) in a temporary file.

Uses the shipped pair judgement and the real encoder, so this is the slow part of the API tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from samestory.api import ApiSettings, create_app

pytestmark = pytest.mark.slow
FIXTURES = Path(__file__).resolve().parents[1] / "web" / "fixtures"


def fixture_article(name: str, **meta: Any) -> dict[str, Any]:
    title, _, text = (FIXTURES / name).read_text(encoding="utf-8").partition("\n")
    return {"title": title.strip(), "text": text.strip(), **meta}


EN = fixture_article("elbe-flood-en.txt", id="flood-en", lang="en", date="2024-09-17", outlet="Example Times")
DE = fixture_article("elbe-flood-de.txt", id="flood-de", lang="de", date="2024-09-17", outlet="Beispiel-Zeitung")
OTHER = fixture_article("hostile.txt", id="harbour", lang="en", date="2024-09-19")


def open_client(db: Path) -> TestClient:
    settings = ApiSettings(db=db, warm_up=False)
    return TestClient(create_app(settings), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("store") / "stories.db"


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with open_client(db) as test_client:
        response = test_client.post("/articles", json={"articles": [EN, DE, OTHER]})
        assert response.status_code == 200, response.text
        yield test_client


def test_ingest_places_the_pair_in_one_story(client: TestClient) -> None:
    en, de = client.get("/articles/flood-en").json(), client.get("/articles/flood-de").json()
    assert en["story_id"] == de["story_id"]
    assert client.get("/articles/harbour").json()["story_id"] != en["story_id"]
    assert de["lang"] == "de" and de["published"] == "2024-09-17" and "Dresden" in de["text"]


def test_repost_is_a_duplicate(client: TestClient) -> None:
    body = client.post("/articles", json={**EN, "id": "again"}).json()
    assert body["duplicates"] == 1 and body["added"] == 0
    assert body["results"][0]["duplicate_of"] == "flood-en"


def test_another_article_under_a_stored_id_is_refused_and_the_stored_one_kept(client: TestClient) -> None:
    another = {"text": "The city council approved a new tram line on Friday after a long debate.", "id": "flood-en"}
    body = client.post("/articles", json=another).json()
    assert body["refused"] == 1 and body["added"] == 0
    [result] = body["results"]
    assert result["status"] == "refused" and "flood-en" in result["reason"]
    assert "Dresden" in client.get("/articles/flood-en").json()["text"]


def test_similar(client: TestClient) -> None:
    similar = client.get("/articles/flood-en/similar?k=2").json()["similar"]
    assert similar[0]["id"] == "flood-de" and similar[0]["label"] == "same_story"
    assert all(s["id"] != "flood-en" for s in similar)


def test_stories_and_story(client: TestClient) -> None:
    stories = client.get("/stories").json()["stories"]
    assert len(stories) == 2
    flood = next(s for s in stories if s["size"] == 2)
    assert set(flood["languages"]) == {"en", "de"}
    assert flood["per_day"] == [{"date": "2024-09-17", "count": 2}]
    story = client.get(f"/stories/{flood['id']}").json()
    assert {a["id"] for a in story["articles"]} == {"flood-en", "flood-de"}
    assert client.get("/stories?since=2024-09-18").json()["stories"][0]["size"] == 1
    assert len(client.get("/stories?level=topic").json()["stories"]) >= 1
    assert client.get("/stories/not-a-number").status_code == 404
    assert client.get("/stories/987654").status_code == 404


def test_coverage_finds_the_story(client: TestClient) -> None:
    text = "\n".join(DE["text"].split("\n")[:3])
    body = client.post("/coverage", json={"article": {"text": text, "lang": "de"}, "k": 5}).json()
    assert body["story"] is not None and body["story"]["size"] == 2 and body["stored_as"] is None
    assert {a["id"] for a in body["articles"][:2]} == {"flood-en", "flood-de"}


def test_coverage_of_a_stored_article_says_so_and_leaves_it_out(client: TestClient) -> None:
    body = client.post("/coverage", json={"article": {"text": DE["text"], "title": DE["title"]}, "k": 5}).json()
    assert body["stored_as"] == "flood-de"
    assert body["story"]["id"] == client.get("/articles/flood-de").json()["story_id"]
    assert "flood-de" not in {a["id"] for a in body["articles"]}
    assert body["articles"][0]["id"] == "flood-en"


def test_story_pages_render(client: TestClient) -> None:
    listing = client.get("/ui/stories").text
    assert "Elbe floodwaters" in listing
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in listing and "<script>alert(1)" not in listing
    story_id = client.get("/articles/flood-en").json()["story_id"]
    page = client.get(f"/ui/stories/{story_id}").text
    assert "Beispiel-Zeitung" in page and "German (de)" in page


def test_store_persists_across_restarts(tmp_path: Path) -> None:
    with open_client(tmp_path / "s.db") as first:
        assert first.post("/articles", json=OTHER).status_code == 200
    with open_client(tmp_path / "s.db") as second:
        assert second.get("/articles/harbour").json()["story_id"] is not None


def test_a_store_held_by_another_writer_is_reported(client: TestClient, db: Path) -> None:
    with open_client(db) as second:
        response = second.get("/stories")
        assert response.status_code == 503
        assert str(db) in response.json()["error"]["message"]
        assert second.get("/health").json()["store"] is False
        assert second.get("/").status_code == 200  # compare still works without the store


def test_people_merge_and_split_stories_over_the_api(tmp_path: Path) -> None:
    with open_client(tmp_path / "corrections.db") as api:
        assert api.post("/articles", json={"articles": [EN, DE, OTHER]}).status_code == 200
        flood = api.get("/articles/flood-en").json()["story_id"]
        harbour = api.get("/articles/harbour").json()["story_id"]
        merged = api.post(f"/stories/{harbour}/merge", json={"other": flood, "by": "desk"}).json()
        assert merged["correction"]["who"] == "desk" and merged["story"]["size"] == 3
        kept = merged["story"]["id"]
        assert merged["story"]["absorbed"] == [max(flood, harbour)]
        split = api.post(f"/stories/{kept}/split", json={"articles": ["harbour"]}).json()
        assert (
            split["story"]["size"] == 2
            and api.get("/articles/harbour").json()["story_id"] == split["correction"]["other"]
        )
        assert api.post("/stories/987654/merge", json={"other": kept}).status_code == 404
        refused = api.post(f"/stories/{kept}/split", json={"articles": ["no-such-article"]})
        assert refused.status_code == 422 and refused.json()["error"]["code"] == "invalid_correction"


def test_an_unexpected_analysis_error_fails_that_article_and_stores_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from samestory.stories import preparation

    analyse = preparation.analyse_text

    def breaks_on_harbour(article):  # type: ignore[no-untyped-def]
        if article.id == "harbour":
            raise RuntimeError("an analysis corner")
        return analyse(article)

    monkeypatch.setattr(preparation, "analyse_text", breaks_on_harbour)
    with open_client(tmp_path / "s.db") as test_client:
        body = test_client.post("/articles", json={"articles": [EN, OTHER, DE]}).json()
        assert (body["added"], body["failed"]) == (2, 1)
        failed = next(r for r in body["results"] if r["id"] == "harbour")
        assert failed["status"] == "failed" and "RuntimeError: an analysis corner" in failed["reason"]
        assert test_client.get("/articles/harbour").status_code == 404
        assert test_client.get("/articles/flood-de").json()["story_id"] is not None
