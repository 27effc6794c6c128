"""``samestory inspect`` on good and bad input: every failure names the item and the reason.

Exit code 0 when every item was processed, 1 when any failed; warnings alone do not fail a run.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from samestory.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
STORY = (
    "Island ferry back in service\n"
    "The ferry between the two islands sailed again on Tuesday after a week of storms. "
    "The operator said 1,200 passengers had been waiting in Westport."
)
SECRET = "SCRIPT_PAYLOAD_MUST_NOT_APPEAR"


def _inspect(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(app, ["inspect", "--json", *args], input=stdin)


def _records(stdout: str) -> list[dict[str, Any]]:
    """The --json output is a stream of indented objects, one per article."""
    decoder = json.JSONDecoder()
    records, position = [], 0
    while position < len(stdout):
        if stdout[position].isspace():
            position += 1
            continue
        record, position = decoder.raw_decode(stdout, position)
        records.append(record)
    return records


def _write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_good_file_exits_zero_with_its_document(tmp_path: Path) -> None:
    result = _inspect(str(_write(tmp_path / "ferry.txt", STORY)))
    assert result.exit_code == 0, result.stderr
    [record] = _records(result.stdout)
    assert (record["id"], record["title"], record["lang"]) == ("ferry", "Island ferry back in service", "en")
    assert {n["key"] for n in record["numbers"]} == {"1200"}
    assert result.stderr == ""


def test_examples_collection_is_inspected_in_full() -> None:
    result = _inspect(str(EXAMPLES / "articles.jsonl"))
    assert result.exit_code == 0, result.stderr
    records = _records(result.stdout)
    assert [r["lang"] for r in records] == ["en", "de", "fr", "en"]
    assert all("city:3143244" in {p["key"] for p in r["places"]} for r in records)  # Oslo


def test_empty_file_fails_by_name(tmp_path: Path) -> None:
    empty = _write(tmp_path / "empty.txt", b"")
    good = _write(tmp_path / "ferry.txt", STORY)
    result = _inspect(str(empty), str(good))
    assert result.exit_code == 1
    assert f"error: {empty}: is empty" in result.stderr
    assert "1 item(s) failed; the others were processed." in result.stderr
    assert [r["id"] for r in _records(result.stdout)] == ["ferry"]


def test_binary_file_fails_by_name(tmp_path: Path) -> None:
    binary = _write(tmp_path / "scan.txt", b"%PDF-1.7\n\x00\x01\x02\x03\x04 stream \x00\x00")
    result = _inspect(str(binary))
    assert result.exit_code == 1
    assert f"error: {binary}: looks like a binary file, not text" in result.stderr
    assert _records(result.stdout) == []


def test_invalid_utf8_bytes_inside_utf8_text_are_replaced_and_the_rest_read(tmp_path: Path) -> None:
    damaged = STORY.encode().replace(b"Tuesday", b"Tues\xff\xfe\xfa day") + " in the café".encode()
    result = _inspect(str(_write(tmp_path / "damaged.txt", damaged)))
    assert result.exit_code == 0, result.stderr
    [record] = _records(result.stdout)
    assert (record["title"], record["lang"]) == ("Island ferry back in service", "en")


def test_undecodable_bytes_are_read_in_a_guessed_code_page_with_a_warning(tmp_path: Path) -> None:
    odd = _write(tmp_path / "odd.txt", b"\xff\xfe\xfa bad")
    result = _inspect(str(odd))
    assert result.exit_code == 0
    assert f"warning: {odd}: language could not be identified" in result.stderr
    [record] = _records(result.stdout)
    assert record["lang"] == "und"


def test_oversized_text_file_is_refused_naming_file_and_limit(tmp_path: Path) -> None:
    big = tmp_path / "dump.txt"
    big.write_bytes((STORY + "\n").encode() * (20_000_000 // (len(STORY) + 1) + 1))
    result = _inspect(str(big))
    assert result.exit_code == 1
    assert f"error: {big}: is 20.0 MB, over the 2.0 MB limit for one article" in result.stderr
    assert _records(result.stdout) == []


def test_html_page_script_never_reaches_the_output(tmp_path: Path) -> None:
    page = (
        f"<!DOCTYPE html><html><head><title>Ferry back</title><script>var x = '{SECRET}';</script></head>"
        f"<body><article><h1>Island ferry back in service</h1><p>{STORY.splitlines()[1]}</p>"
        f"<script>document.write('{SECRET}')</script></article></body></html>"
    )
    result = _inspect(str(_write(tmp_path / "ferry.html", page)))
    assert result.exit_code == 0, result.stderr
    assert SECRET not in result.stdout
    [record] = _records(result.stdout)
    assert record["lang"] == "en"
    assert record["sentences"] >= 2


@pytest.mark.parametrize(
    "text",
    [
        "นักท่องเที่ยวหลายพันคนเดินทางมาถึงเกาะในวันอังคาร หลังจากพายุสงบลงแล้วเรือข้ามฟากก็กลับมาให้บริการ",
        "मंगलवार को तूफान थमने के बाद द्वीपों के बीच नौका सेवा फिर से शुरू हो गई और यात्री लौट आए।",
    ],
)
def test_unsupported_language_is_a_warning_and_still_processed(tmp_path: Path, text: str) -> None:
    path = _write(tmp_path / "other.txt", text)
    result = _inspect(str(path))
    assert result.exit_code == 0
    assert f"warning: {path}: written in " in result.stderr
    assert "in a language samestory does not support" in result.stderr
    [record] = _records(result.stdout)
    assert (record["lang"], record["sentences"]) == ("und", 1)


def test_declared_unsupported_language_is_named(tmp_path: Path) -> None:
    line = json.dumps({"id": "hi-1", "text": "मंगलवार को नौका सेवा फिर से शुरू हो गई।", "lang": "hi"}, ensure_ascii=False)
    path = _write(tmp_path / "hindi.jsonl", line)
    result = _inspect(str(path))
    assert result.exit_code == 0
    assert f"warning: {path}:1: language 'hi' is not supported" in result.stderr


def test_broken_jsonl_line_is_named_and_the_others_processed(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "first", "text": "The ferry sailed on Tuesday after the storms."}),
        '{"id": "second", "text": "cut off in the midd',
        json.dumps({"id": "third", "text": "The harbour reopened on Wednesday morning."}),
    ]
    path = _write(tmp_path / "feed.jsonl", "\n".join(lines))
    result = _inspect(str(path))
    assert result.exit_code == 1
    assert f"error: {path}:2: is not valid JSON" in result.stderr
    assert "1 item(s) failed; the others were processed." in result.stderr
    assert [r["id"] for r in _records(result.stdout)] == ["first", "third"]


def test_missing_file_is_named(tmp_path: Path) -> None:
    result = _inspect(str(tmp_path / "nowhere.txt"))
    assert result.exit_code == 1
    assert f"error: {tmp_path / 'nowhere.txt'}: no such file or directory" in result.stderr


def test_bad_fields_option_is_a_clear_error() -> None:
    result = _inspect("--fields", "body", str(EXAMPLES / "articles.jsonl"))
    assert result.exit_code == 1
    assert "error: --fields: cannot read 'body': use NAME=COLUMN" in result.stderr


def test_fields_option_maps_csv_columns(tmp_path: Path) -> None:
    path = _write(tmp_path / "export.csv", 'uid,body\nx7,"The ferry sailed again on Tuesday."\n')
    result = _inspect("--fields", "id=uid,text=body", str(path))
    assert result.exit_code == 0, result.stderr
    assert [r["id"] for r in _records(result.stdout)] == ["x7"]


def test_stdin_input() -> None:
    result = _inspect("-", stdin=STORY)
    assert result.exit_code == 0, result.stderr
    [record] = _records(result.stdout)
    assert (record["id"], record["source"]) == ("stdin", "<stdin>")


def test_human_readable_output_lists_what_was_understood() -> None:
    result = CliRunner().invoke(app, ["inspect", str(EXAMPLES / "reserve-bank-rate-hike-de.txt")])
    assert result.exit_code == 0, result.stderr
    assert "Norwegische Reservebank erhöht Leitzins" in result.stdout
    assert "language de" in result.stdout
    assert "[country:NO]" in result.stdout
    assert "[halvorsen]" in result.stdout


@pytest.mark.slow
def test_vectors_option_reports_the_vector_size(tmp_path: Path) -> None:
    result = _inspect("--vectors", str(_write(tmp_path / "ferry.txt", STORY)))
    assert result.exit_code == 0, result.stderr
    [record] = _records(result.stdout)
    assert record["vector_dim"] == 512
