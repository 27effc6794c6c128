"""End to end in real headless Chromium against a live ``samestory serve``.

Covers what only a browser can show: the compare page draws highlights and links aligned sentences,
the story pages render, and hostile article text stays text (no dialog, no script, no handler runs).
Screenshots go to build/screenshots/ for a human to look at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(600)]

FIXTURES = Path(__file__).parent / "fixtures"
RESULT_TIMEOUT_MS = 120_000


def fixture_article(name: str, **meta: Any) -> dict[str, Any]:
    """A fixture file as an API article: first line is the title, the rest the text."""
    title, _, text = (FIXTURES / name).read_text(encoding="utf-8").partition("\n")
    return {"title": title.strip(), "text": text.strip(), **meta}


EN = fixture_article(
    "elbe-flood-en.txt",
    lang="en",
    date="2024-09-17",
    outlet="Example Times",
    id="flood-en",
    url="https://times.example/2024/09/17/elbe-flood",
)
DE = fixture_article(
    "elbe-flood-de.txt",
    lang="de",
    date="2024-09-17",
    outlet="Beispiel-Zeitung",
    id="flood-de",
    url="https://zeitung.example/elbe-hochwasser",
)
HOSTILE = fixture_article(
    "hostile.txt",
    lang="en",
    date="2024-09-19",
    outlet="<b>Harbour</b> Daily",
    id="hostile",
    url="javascript:window.__xss=3",
)


def screenshot(page: Any, name: str) -> None:
    from tests.web.e2e_support import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def api_compare(server: Any, a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    fields = ("text", "title", "lang", "date")
    body = {"a": {k: a.get(k) for k in fields}, "b": {k: b.get(k) for k in fields}}
    response = httpx.post(server.url + "/compare", json=body, timeout=120)
    response.raise_for_status()
    return response.json()


def fill_side(page: Any, side: str, article: dict[str, Any]) -> None:
    page.fill(f"#{side}-title", article["title"])
    page.fill(f"#{side}-text", article["text"])
    page.fill(f"#{side}-lang", article.get("lang") or "")
    page.fill(f"#{side}-date", article.get("date") or "")


def compare_in_browser(page: Any, server: Any, a: dict[str, Any], b: dict[str, Any]) -> None:
    page.goto(server.url + "/")
    fill_side(page, "a", a)
    fill_side(page, "b", b)
    page.click("#compare-button")
    page.wait_for_selector("#result", state="visible", timeout=RESULT_TIMEOUT_MS)


def assert_nothing_executed(page: Any) -> None:
    assert page.dialogs == [], f"a dialog opened: {page.dialogs}"
    assert page.evaluate("typeof window.__xss") == "undefined"


def test_compare_page_highlights_and_links_sentences(live_server: Any, page: Any) -> None:
    expected = api_compare(live_server, EN, DE)
    compare_in_browser(page, live_server, EN, DE)
    screenshot(page, "01-compare-result")

    assert page.get_attribute("#label", "data-label") == expected["label"]
    assert page.text_content("#similarity") == f"{expected['similarity']:.2f}"
    assert page.locator("#scores .score-row").count() == 7

    for side in ("a", "b"):
        forms = {
            form.lower()
            for kind in ("entities", "places", "dates", "numbers")
            for item in expected["evidence"][kind]["shared"]
            for form in item[f"{side}_forms"]
        }
        marks = [m.lower() for m in page.locator(f"#sentences-{side} mark.hl").all_text_contents()]
        assert marks, f"no shared item is highlighted in text {side}"
        assert set(marks) <= forms, f"highlighted something that is not a shared form: {set(marks) - forms}"
        assert "dresden" in marks

    claims = expected["evidence"]["aligned_claims"]
    assert claims, "the flood articles should have aligned claims"
    assert page.locator("#sentences-a .sentence.aligned").count() >= 1
    claim = claims[min(1, len(claims) - 1)]
    source = page.locator(f'#sentences-a .sentence[data-index="{claim["a_indices"][0]}"]')
    target = page.locator(f'#sentences-b .sentence[data-index="{claim["b_indices"][0]}"]')
    source.hover()
    assert "active" in (target.get_attribute("class") or "")
    assert "active" in (source.get_attribute("class") or "")
    screenshot(page, "02-compare-hover-linked")
    page.mouse.move(5, 5)
    assert "active" not in (target.get_attribute("class") or "")
    target.click()
    assert "pinned" in (source.get_attribute("class") or "")
    for side in ("a", "b"):  # what only one side names is listed too
        assert page.locator(f"#only-{side}").inner_text().strip()
    assert "Grey sentences" in page.locator(".hint").last.inner_text()
    assert page.errors == []
    assert_nothing_executed(page)


def test_hostile_article_is_shown_as_text(live_server: Any, page: Any) -> None:
    compare_in_browser(page, live_server, HOSTILE, DE)
    page.wait_for_timeout(500)  # give any injected handler (img onerror) the chance to fire
    screenshot(page, "03-compare-hostile")
    text_a = page.text_content("#sentences-a") or ""
    assert "<script>alert(1)</script>" in text_a
    assert "<img src=x onerror=" in text_a
    assert page.locator("#result script, #result img, #result svg[onload]").count() == 0
    assert_nothing_executed(page)


def store_fixtures(server: Any) -> None:
    if not server.has_store:
        pytest.skip("the server has no story store (samestory.stories is not usable yet)")
    articles = [EN, DE, HOSTILE]
    response = httpx.post(server.url + "/articles", json={"articles": articles}, timeout=300)
    assert response.status_code == 200, response.text


def test_story_pages(live_server: Any, page: Any) -> None:
    store_fixtures(live_server)
    story_id = httpx.get(live_server.url + "/articles/flood-en").json()["story_id"]
    assert httpx.get(live_server.url + "/articles/flood-de").json()["story_id"] == story_id

    page.goto(live_server.url + "/ui/stories")
    screenshot(page, "04-stories")
    assert page.locator("#stories tbody tr").count() >= 2
    assert page.locator("svg.spark").count() >= 1
    page.click(f'a.story-link[href="/ui/stories/{story_id}"]')
    page.wait_for_selector("#groups")
    screenshot(page, "05-story")
    assert page.locator('.lang-group[data-lang="en"] li.article[data-id="flood-en"]').count() == 1
    assert page.locator('.lang-group[data-lang="de"] li.article[data-id="flood-de"]').count() == 1
    assert "Example Times" in (page.text_content('.lang-group[data-lang="en"]') or "")
    assert page.locator(".timeline svg rect.bar").count() >= 1
    assert_nothing_executed(page)


def test_hostile_article_in_story_pages_and_coverage(live_server: Any, page: Any) -> None:
    store_fixtures(live_server)
    story_id = httpx.get(live_server.url + "/articles/hostile").json()["story_id"]
    page.goto(live_server.url + "/ui/stories")
    page.goto(f"{live_server.url}/ui/stories/{story_id}")
    page.wait_for_timeout(300)
    screenshot(page, "06-story-hostile")
    body = page.text_content("main") or ""
    assert "<script>alert(1)</script>" in body
    assert "<b>Harbour</b> Daily" in body
    assert page.locator('main a[href^="javascript:"]').count() == 0
    assert_nothing_executed(page)

    page.goto(live_server.url + "/ui/coverage")
    page.fill("#c-title", HOSTILE["title"])
    page.fill("#c-text", HOSTILE["text"])
    page.click("#coverage-button")
    page.wait_for_selector("#coverage-result", state="visible", timeout=RESULT_TIMEOUT_MS)
    page.wait_for_timeout(300)
    screenshot(page, "07-coverage-hostile")
    assert page.locator('#coverage-articles li.article[data-id="hostile"]').count() == 0
    assert "already stored, as “hostile”" in (page.text_content("#coverage-stored") or "")
    assert page.locator('#coverage-articles a[href^="javascript:"]').count() == 0
    assert_nothing_executed(page)


def test_find_coverage(live_server: Any, page: Any) -> None:
    store_fixtures(live_server)
    page.goto(live_server.url + "/ui/coverage")
    text = DE["text"].split("\n")
    page.fill("#c-text", "\n".join(text[:3]))
    page.fill("#c-lang", "de")
    page.click("#coverage-button")
    page.wait_for_selector("#coverage-result", state="visible", timeout=RESULT_TIMEOUT_MS)
    screenshot(page, "08-coverage")
    ids = page.locator("#coverage-articles li.article").evaluate_all("nodes => nodes.map(n => n.dataset.id)")
    assert "flood-en" in ids and "flood-de" in ids
    assert page.locator("#coverage-story a.story-link").count() == 1
    assert_nothing_executed(page)


def test_load_file_fills_the_form_and_runs_no_script(live_server: Any, page: Any, tmp_path: Path) -> None:
    text_file = tmp_path / "flood.txt"
    text_file.write_text(EN["text"], encoding="utf-8")
    html_file = tmp_path / "flood.html"
    html_file.write_text(
        "<html><head><title>Elbe flood</title><script>window.__xss = 4</script></head>"
        '<body><p>Dresden evacuates its old town.</p><img src=x onerror="window.__xss=5"></body></html>',
        encoding="utf-8",
    )
    page.goto(live_server.url + "/")
    # expect() polls without eval(), which the page's Content-Security-Policy (rightly) forbids
    page.set_input_files("#a-file", str(text_file))
    expect(page.locator("#a-text")).to_have_value(EN["text"])
    page.set_input_files("#b-file", str(html_file))
    expect(page.locator("#b-text")).to_have_value("Dresden evacuates its old town.")
    expect(page.locator("#b-title")).to_have_value("Elbe flood")
    page.wait_for_timeout(300)
    assert_nothing_executed(page)


def test_chinese_text_is_drawn_with_glyphs_not_boxes(live_server: Any, page: Any) -> None:
    """A character the fonts lack is drawn as the same empty box whatever it is; real glyphs differ in ink."""
    page.goto(live_server.url + "/")
    ink = page.evaluate(
        """(texts) => texts.map((text) => {
            const canvas = document.createElement("canvas");
            canvas.width = 64; canvas.height = 64;
            const context = canvas.getContext("2d");
            context.font = "40px " + getComputedStyle(document.body).fontFamily;
            context.fillText(text, 4, 48);
            return Array.from(context.getImageData(0, 0, 64, 64).data).join(",");
        })""",
        ["洪", "水", "\u0378"],
    )
    flood, water, unassigned = ink
    assert flood != water, "two different Chinese characters look alike: the browser has no CJK font"
    assert flood != unassigned


def test_a_person_splits_and_merges_on_the_story_page(live_server: Any, page: Any) -> None:
    store_fixtures(live_server)
    story_id = httpx.get(live_server.url + "/articles/flood-en").json()["story_id"]
    page.goto(f"{live_server.url}/ui/stories/{story_id}")
    page.fill("#by", "desk <b>editor</b>")
    page.check('input.pick[value="flood-de"]')
    with page.expect_navigation():
        page.click("#split-button")
    moved = httpx.get(live_server.url + "/articles/flood-de").json()["story_id"]
    assert moved != story_id and page.url.endswith(f"/ui/stories/{moved}")
    page.fill("#merge-other", str(story_id))
    with page.expect_navigation():
        page.click("#merge-button")
    screenshot(page, "08-story-merged")
    assert httpx.get(live_server.url + "/articles/flood-de").json()["story_id"] == min(story_id, moved)
    assert "Merged into this story" in (page.text_content("#corrections") or "")
    assert_nothing_executed(page)
