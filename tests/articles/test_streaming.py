"""Collections are streamed: bad bytes are named by line and offset, long lines are skipped, memory stays flat."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

from samestory.articles import read_articles
from samestory.articles.model import Article, ReadFailure
from samestory.errors import InputWarning

STORY = "The ferry between the two islands sailed again on Tuesday after a week of storms."


def _line(article_id: str, text: str = STORY) -> bytes:
    return (json.dumps({"id": article_id, "text": text}, ensure_ascii=False) + "\n").encode()


def test_a_damaged_line_is_read_with_a_warning_naming_line_and_offset(tmp_path: Path) -> None:
    first = _line("a", "Grüße aus München. " + STORY)
    path = tmp_path / "feed.jsonl"
    path.write_bytes(first + _line("b").replace(b"ferry", b"f\xffrry") + _line("c"))
    offset = len(first) + _line("b").index(b"ferry") + 1
    with pytest.warns(InputWarning, match=rf"feed\.jsonl:2: not valid UTF-8 at byte offset {offset} "):
        results = list(read_articles([path]))
    assert [r.id for r in results if isinstance(r, Article)] == ["a", "b", "c"]
    assert "f\ufffdrry" in results[1].text


def test_an_oversized_line_is_skipped_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(_line("a") + _line("huge", "word " * 1_000_000) + _line("c"))
    results = list(read_articles([path], max_bytes=100_000))
    assert [r.id for r in results if isinstance(r, Article)] == ["a", "c"]
    [failure] = [r for r in results if isinstance(r, ReadFailure)]
    assert failure.item.endswith("feed.jsonl:2") and "too long" in failure.reason


def test_csv_rows_spanning_lines_keep_their_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(f'id,text\nr1,"{STORY}\nsecond paragraph"\nr2,\nr3,{STORY}\n', encoding="utf-8")
    results = list(read_articles([path]))
    assert [r.id for r in results if isinstance(r, Article)] == ["r1", "r3"]
    [failure] = [r for r in results if isinstance(r, ReadFailure)]
    assert "rows.csv:4" in failure.item


def test_a_large_collection_is_read_in_constant_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with path.open("wb") as out:
        for number in range(40_000):
            out.write(_line(f"n{number}", f"{STORY} Report number {number}. " * 3))
    assert path.stat().st_size > 10_000_000
    tracemalloc.start()
    try:
        count = sum(1 for r in read_articles([path]) if isinstance(r, Article))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 40_000
    assert peak < 3_000_000  # a small fraction of the file: it is never held whole


def test_a_long_jsonl_stream_on_stdin_is_read_line_by_line() -> None:
    import subprocess
    import sys

    lines = b"".join(_line(f"n{number}", f"{STORY} Report {number}. " * 3) for number in range(6_000))
    assert len(lines) > 1_000_000  # longer than the sniffed sample
    script = (
        "from samestory.articles import read_articles\n"
        "results = list(read_articles(['-']))\n"
        "print(len(results), results[-2].id, results[-2].source, results[-1].item)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], input=lines + b"{broken\n", capture_output=True, check=True)
    assert done.stdout.decode().split() == ["6001", "n5999", "<stdin>:6000", "<stdin>:6001"]
