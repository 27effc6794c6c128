"""One entry point for all inputs: files by extension or sniffing, directories, stdin, limits."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from samestory.articles.load import read_articles, read_one_article
from samestory.articles.model import Article, ReadFailure
from samestory.articles.records import FieldMap
from samestory.errors import InputError

STORY = "Ferry service resumes\nThe island ferry sailed again on Tuesday after a week of storms kept it in port."


def _only(results: list[Article | ReadFailure]) -> Article | ReadFailure:
    assert len(results) == 1
    return results[0]


def test_plain_text_file(tmp_path: Path) -> None:
    (tmp_path / "ferry.txt").write_text(STORY, encoding="utf-8")
    article = _only(list(read_articles([tmp_path / "ferry.txt"])))
    assert isinstance(article, Article)
    expected = ("ferry", "Ferry service resumes", str(tmp_path / "ferry.txt"))
    assert (article.id, article.title, article.source) == expected


def test_directory_is_walked_in_order_and_hidden_files_skipped(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text(STORY, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(STORY, encoding="utf-8")
    lines = [json.dumps({"id": f"j{i}", "text": f"Report number {i} about the ferry."}) for i in (1, 2)]
    (tmp_path / "c.jsonl").write_text("\n".join(lines), encoding="utf-8")
    ids = [r.id for r in read_articles([tmp_path]) if isinstance(r, Article)]
    assert ids == ["b", "j1", "j2", "a"]


def test_missing_path_and_empty_directory_are_failures(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    results = list(read_articles([tmp_path / "nope.txt", tmp_path / "empty"]))
    assert results == [
        ReadFailure(str(tmp_path / "nope.txt"), "no such file or directory"),
        ReadFailure(str(tmp_path / "empty"), "directory holds no files"),
    ]


def test_empty_file_is_a_failure(tmp_path: Path) -> None:
    (tmp_path / "blank.txt").write_text(" \n\n ", encoding="utf-8")
    assert list(read_articles([tmp_path / "blank.txt"])) == [ReadFailure(str(tmp_path / "blank.txt"), "is empty")]


def test_unknown_extension_is_a_failure_that_names_the_known_ones(tmp_path: Path) -> None:
    (tmp_path / "report.docx").write_text(STORY, encoding="utf-8")
    failure = _only(list(read_articles([tmp_path / "report.docx"])))
    assert isinstance(failure, ReadFailure)
    assert failure.reason == "unknown file type '.docx': use .txt, .html, .jsonl, .csv or .json"


def test_single_article_limit_applies_to_text_but_not_to_collections(tmp_path: Path) -> None:
    (tmp_path / "long.txt").write_text(STORY * 20, encoding="utf-8")
    lines = [json.dumps({"text": STORY}) for _ in range(20)]
    (tmp_path / "many.jsonl").write_text("\n".join(lines), encoding="utf-8")
    results = list(read_articles([tmp_path / "long.txt", tmp_path / "many.jsonl"], max_bytes=500))
    failure = results[0]
    assert isinstance(failure, ReadFailure)
    assert failure.item == str(tmp_path / "long.txt")
    assert "over the 500 bytes limit" in failure.reason
    assert sum(isinstance(r, Article) for r in results[1:]) == 20


def test_json_file_is_read_as_one_newspaper_record(tmp_path: Path) -> None:
    record = {"title": "Pier closed", "text": "The pier closed after a storm.", "meta_lang": "en"}
    (tmp_path / "777.json").write_text(json.dumps(record), encoding="utf-8")
    article = _only(list(read_articles([tmp_path / "777.json"])))
    assert isinstance(article, Article)
    assert (article.id, article.title, article.lang) == ("777", "Pier closed", "en")


def test_a_json_file_with_samestorys_field_names_keeps_its_id_date_and_language(tmp_path: Path) -> None:
    """A record written as a JSON Lines line would be, saved as one .json file: nothing it says is dropped."""
    record = {"id": "pier-1", "title": "Pier closed", "text": "The pier closed after a storm.", "lang": "en",
              "date": "2024-03-02", "url": "https://news.example/pier"}  # fmt: skip
    (tmp_path / "a.json").write_text(json.dumps(record), encoding="utf-8")
    article = read_one_article(tmp_path / "a.json")
    assert (article.id, article.lang, article.url) == ("pier-1", "en", "https://news.example/pier")
    assert article.published is not None and article.published.iso() == "2024-03-02"
    renamed = {"key": "pier-2", "body": "The pier closed after a storm.", "when": "2024-03-03"}
    (tmp_path / "b.json").write_text(json.dumps(renamed), encoding="utf-8")
    other = read_one_article(tmp_path / "b.json", FieldMap(id="key", text="body", date="when"))
    assert other.id == "pier-2" and other.published is not None and other.published.iso() == "2024-03-03"
    (tmp_path / "c.json").write_text("[1, 2]", encoding="utf-8")
    failure = _only(list(read_articles([tmp_path / "c.json"])))
    assert isinstance(failure, ReadFailure) and "not a JSON object" in failure.reason


def test_fields_are_passed_to_collections(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("key,body\nk1,The pier closed after a storm.\n", encoding="utf-8")
    article = _only(list(read_articles([tmp_path / "x.csv"], FieldMap(id="key", text="body"))))
    assert isinstance(article, Article) and article.id == "k1"


def test_stdin_is_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = "\n".join(json.dumps({"id": f"s{i}", "text": f"Stdin report {i}."}) for i in (1, 2))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines.encode())))
    assert [r.id for r in read_articles(["-"]) if isinstance(r, Article)] == ["s1", "s2"]


def test_stdin_plain_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(STORY.encode())))
    article = _only(list(read_articles(["-"])))
    assert isinstance(article, Article)
    assert (article.id, article.source, article.title) == ("stdin", "<stdin>", "Ferry service resumes")


def test_read_one_article_returns_the_first_of_a_collection(tmp_path: Path) -> None:
    lines = [json.dumps({"id": i, "text": f"Report {i} on the ferry."}) for i in ("first", "second")]
    (tmp_path / "two.jsonl").write_text("\n".join(lines), encoding="utf-8")
    assert read_one_article(tmp_path / "two.jsonl").id == "first"


def test_read_one_article_raises_the_failure(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02 binary")
    with pytest.raises(InputError) as caught:
        read_one_article(tmp_path / "bin.txt")
    assert caught.value.item == str(tmp_path / "bin.txt")
    assert "binary" in caught.value.reason


def test_examples_shipped_with_the_repository_are_readable() -> None:
    examples = Path(__file__).resolve().parents[2] / "examples"
    results = list(read_articles([examples]))
    assert results and all(isinstance(r, Article) for r in results)
    by_source = {Path(r.source or "").name for r in results if isinstance(r, Article)}
    assert {"reserve-bank-rate-hike-en.txt", "reserve-bank-rate-hike-de.txt", "articles.jsonl:1"} <= by_source
