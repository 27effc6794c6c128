"""Parquet collections: rows through the same field mapping as JSON Lines, bad rows named, bad files named."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from samestory.articles import FieldMap, read_articles
from samestory.articles.model import Article, ReadFailure

pa = pytest.importorskip("pyarrow")
parquet = pytest.importorskip("pyarrow.parquet")


def _write(path: Path, rows: list[dict[str, object]]) -> Path:
    parquet.write_table(pa.Table.from_pylist(rows), path)
    return path


def test_rows_become_articles_with_their_metadata(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "news.parquet",
        [
            {"id": "a", "title": "Harbour closed", "body": "The harbour closed on Monday.", "at": dt.date(2024, 9, 16)},
            {"id": "b", "title": None, "body": "", "at": None},
            {"id": None, "title": "Bridge", "body": "The bridge reopened after repairs.", "at": dt.date(2024, 9, 17)},
        ],
    )
    results = list(read_articles([path], FieldMap.parse("text=body,date=at")))
    first, bad, third = results
    assert isinstance(first, Article) and first.id == "a" and first.published and first.published.iso() == "2024-09-16"
    assert isinstance(bad, ReadFailure) and bad.item == f"{path}:2 (id b)" and bad.reason == "has no text"
    assert isinstance(third, Article) and third.id == "news-3"


def test_a_damaged_parquet_file_is_one_named_failure(tmp_path: Path) -> None:
    path = tmp_path / "broken.parquet"
    path.write_bytes(b"PAR1 not really parquet")
    [failure] = list(read_articles([path]))
    assert isinstance(failure, ReadFailure) and failure.item == str(path) and "Parquet" in failure.reason


def test_a_folder_of_parquet_files_is_read_file_by_file(tmp_path: Path) -> None:
    for name in ("one", "two"):
        _write(tmp_path / f"{name}.parquet", [{"id": name, "text": f"Report {name} about the harbour festival."}])
    assert [a.id for a in read_articles([tmp_path]) if isinstance(a, Article)] == ["one", "two"]
