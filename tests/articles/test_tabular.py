"""JSON Lines and CSV collections: configurable field names, and one bad record never stops the rest."""

from __future__ import annotations

import json

import pytest

from samestory.articles.model import Article, ReadFailure, ReadResult
from samestory.articles.records import FieldMap
from samestory.articles.tabular import read_csv, read_jsonl
from samestory.errors import InputError


def _jsonl(*records: object) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records)


def _articles(results: list[ReadResult]) -> list[Article]:
    return [r for r in results if isinstance(r, Article)]


def _failures(results: list[ReadResult]) -> list[ReadFailure]:
    return [r for r in results if isinstance(r, ReadFailure)]


def test_jsonl_with_default_field_names() -> None:
    text = _jsonl(
        {
            "id": "a1",
            "title": "Dam opens",
            "text": "The new dam opened on Friday.",
            "lang": "en",
            "date": "2023-09-01",
            "url": "https://example.org/dam",
            "outlet": "example.org",
        },
    )
    [article] = list(read_jsonl(text, "feed.jsonl", FieldMap()))
    assert isinstance(article, Article)
    assert (article.id, article.title, article.lang, article.url, article.outlet) == (
        "a1",
        "Dam opens",
        "en",
        "https://example.org/dam",
        "example.org",
    )
    assert article.published is not None and article.published.iso() == "2023-09-01"
    assert article.source == "feed.jsonl:1"


def test_jsonl_with_custom_field_map() -> None:
    fields = FieldMap.parse("id=uid,text=body,date=published_at,lang=language,title=headline")
    text = _jsonl(
        {
            "uid": "x-9",
            "headline": "Pier closed",
            "body": "The pier closed after a storm.",
            "published_at": "2023-10",
            "language": "en-GB",
        }
    )
    [article] = list(read_jsonl(text, "export.jsonl", fields))
    assert isinstance(article, Article)
    assert (article.id, article.title, article.text, article.lang) == (
        "x-9",
        "Pier closed",
        "The pier closed after a storm.",
        "en-GB",
    )
    assert article.published is not None
    assert (article.published.iso(), article.published.precision) == ("2023-10", "month")


def test_broken_jsonl_line_is_reported_and_the_others_are_read() -> None:
    text = _jsonl(
        {"id": "one", "text": "First report about the harbour."},
        '{"id": "two", "text": "cut off',
        "",
        {"id": "four", "text": "Fourth report about the harbour."},
    )
    results = list(read_jsonl(text, "data/feed.jsonl", FieldMap()))
    assert [a.id for a in _articles(results)] == ["one", "four"]
    [failure] = _failures(results)
    assert failure.item == "data/feed.jsonl:2"
    assert "not valid JSON" in failure.reason


def test_jsonl_line_that_is_not_an_object_is_reported() -> None:
    results = list(read_jsonl(_jsonl([1, 2, 3]), "feed.jsonl", FieldMap()))
    assert results == [ReadFailure("feed.jsonl:1", "is a JSON list, not an object with a 'text' field")]


def test_jsonl_text_field_of_wrong_type_is_reported() -> None:
    [failure] = list(read_jsonl(_jsonl({"text": 42}), "feed.jsonl", FieldMap()))
    assert failure == ReadFailure("feed.jsonl:1", "field 'text' is not a string")


def test_jsonl_record_without_id_gets_file_and_line_id() -> None:
    text = _jsonl({"text": "One."}, {"text": "A report without an id."})
    articles = _articles(list(read_jsonl(text, "/tmp/night-feed.jsonl", FieldMap())))
    assert [a.id for a in articles] == ["night-feed-1", "night-feed-2"]


def test_jsonl_title_stands_in_for_missing_text() -> None:
    [article] = list(read_jsonl(_jsonl({"id": "t", "title": "Only a headline here"}), "f.jsonl", FieldMap()))
    assert isinstance(article, Article)
    assert article.text == "Only a headline here"


def test_record_without_text_names_its_id() -> None:
    [failure] = list(read_jsonl(_jsonl({"id": "empty-7", "text": ""}), "f.jsonl", FieldMap()))
    assert isinstance(failure, ReadFailure)
    assert failure.item == "f.jsonl:1 (id empty-7)"
    assert failure.reason == "has no text"


def test_csv_with_custom_field_map() -> None:
    text = "story_id,headline,content,published\ns1,Bridge shut,The bridge was shut on Monday.,2023-02-03\n"
    fields = FieldMap(id="story_id", title="headline", text="content", date="published")
    [article] = list(read_csv(text, "stories.csv", fields))
    assert isinstance(article, Article)
    assert (article.id, article.title, article.text) == ("s1", "Bridge shut", "The bridge was shut on Monday.")
    assert article.published is not None and article.published.iso() == "2023-02-03"
    assert article.source == "stories.csv:2"


def test_csv_without_text_column_names_the_columns_found() -> None:
    [failure] = list(read_csv("headline,body\nA,B\n", "stories.csv", FieldMap()))
    assert isinstance(failure, ReadFailure)
    assert failure.item == "stories.csv"
    assert "no 'text' column (columns: headline, body)" in failure.reason
    assert "--fields text=COLUMN" in failure.reason


def test_csv_bad_row_is_reported_with_its_line_number() -> None:
    text = "id,text\nr1,The first row reads well.\nr2,\nr3,The third row reads well too.\n"
    results = list(read_csv(text, "rows.csv", FieldMap()))
    assert [a.id for a in _articles(results)] == ["r1", "r3"]
    assert [f.item for f in _failures(results)] == ["rows.csv:3 (id r2)"]


def test_csv_quoted_text_with_newlines_and_commas() -> None:
    text = 'id,text\nq1,"Line one, with a comma.\nLine two."\n'
    [article] = list(read_csv(text, "q.csv", FieldMap()))
    assert isinstance(article, Article)
    assert article.text == "Line one, with a comma.\nLine two."


@pytest.mark.parametrize("spec", ["text", "body=text", "text=", "text=body,colour=red"])
def test_field_map_parse_rejects_bad_specs(spec: str) -> None:
    with pytest.raises(InputError) as caught:
        FieldMap.parse(spec)
    assert caught.value.item == "--fields"
    assert "NAME=COLUMN" in caught.value.reason


def test_field_map_parse_without_spec_gives_defaults() -> None:
    assert FieldMap.parse(None) == FieldMap()
    assert FieldMap.parse("") == FieldMap()
