import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samestory.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
pytestmark = pytest.mark.slow
runner = CliRunner()


def test_compare_json_on_examples() -> None:
    result = runner.invoke(
        app,
        [
            "compare",
            str(EXAMPLES / "reserve-bank-rate-hike-en.txt"),
            str(EXAMPLES / "reserve-bank-rate-hike-de.txt"),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["label"] == "same_story"
    assert {"shared", "only_a", "only_b"} <= set(record["evidence"]["entities"])


def test_compare_missing_file_is_a_clear_error(tmp_path) -> None:
    result = runner.invoke(
        app, ["compare", str(tmp_path / "nope.txt"), str(EXAMPLES / "reserve-bank-rate-hike-en.txt")]
    )
    assert result.exit_code == 1
    assert "nope.txt: no such file or directory" in result.stderr


def test_score_reports_bad_pairs_and_scores_the_rest(tmp_path) -> None:
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("\n".join([
        json.dumps({"id1": "reserve-bank-rate-hike-en", "id2": "reserve-bank-rate-hike-de"}),
        "this is not json",
        json.dumps({"id1": "reserve-bank-rate-hike-en", "id2": "no-such-id"}),
        json.dumps({"id1": "reserve-bank-rate-hike-fr", "id2": "empty"}),
        json.dumps({"id1": "reserve-bank-rate-hike-fr", "id2": "reserve-bank-mortgage-rules-en"}),
    ]))  # fmt: skip
    articles = tmp_path / "articles.jsonl"
    articles.write_text((EXAMPLES / "articles.jsonl").read_text() + json.dumps({"id": "empty", "text": ""}) + "\n")
    result = runner.invoke(app, ["score", str(articles), str(pairs)])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["id1"], r["id2"]) for r in lines] == [
        ("reserve-bank-rate-hike-en", "reserve-bank-rate-hike-de"),
        ("reserve-bank-rate-hike-fr", "reserve-bank-mortgage-rules-en"),
    ]
    assert {"similarity", "overall", "geography", "tone"} <= set(lines[0])
    assert "pairs.jsonl:2: is not valid JSON" in result.stderr
    assert "no-such-id" in result.stderr
    assert "(id empty): is empty" in result.stderr or "empty" in result.stderr


def test_publication_dates_for_plain_text_resolve_relative_dates(tmp_path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text(
        "Truce plan announced\nThe mediators said on Saturday that a truce would start from Monday in Vetland."
    )
    b.write_text("Truce to begin\nA truce in Vetland will begin this week, mediators announced at the weekend.")
    result = runner.invoke(
        app, ["compare", str(a), str(b), "--json", "--date-a", "2031-03-08", "--date-b", "2031-03-10"]
    )
    assert result.exit_code == 0, result.output
    shared = json.loads(result.stdout)["evidence"]["dates"]["shared"]
    assert any(item["key"] == "2031-03-10" and "this week" in item["b_forms"] for item in shared)


def test_bad_publication_date_is_a_clear_error(tmp_path) -> None:
    result = runner.invoke(
        app,
        [
            "compare",
            str(EXAMPLES / "reserve-bank-rate-hike-en.txt"),
            str(EXAMPLES / "reserve-bank-rate-hike-de.txt"),
            "--date-a",
            "someday",
        ],
    )
    assert result.exit_code == 1
    assert "--date-a: 'someday' is not a date" in result.stderr
