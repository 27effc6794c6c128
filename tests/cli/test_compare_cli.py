"""``samestory compare`` and the command line's surface: errors name every bad side, dates are strict, help
reads as words, piped reports keep whole lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from samestory import __version__
from samestory.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EN = str(EXAMPLES / "reserve-bank-rate-hike-en.txt")
DE = str(EXAMPLES / "reserve-bank-rate-hike-de.txt")


def _run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), terminal_width=80)


def test_both_bad_sides_are_reported(tmp_path: Path) -> None:
    binary = tmp_path / "ls.bin"
    binary.write_bytes(b"\x7fELF\x00\x01")
    result = _run("compare", str(binary), str(tmp_path / "missing.txt"))
    assert result.exit_code == 1
    assert "ls.bin" in result.stderr and "missing.txt" in result.stderr
    assert "Traceback" not in result.output


def test_a_directory_is_refused_not_read_as_its_first_file() -> None:
    result = _run("compare", str(EXAMPLES), EN)
    assert result.exit_code == 1 and "is a directory" in result.stderr


@pytest.mark.parametrize("date", ["yesterday", "3 days ago", "2025-13-01"])
def test_option_dates_are_calendar_dates_only(date: str) -> None:
    result = _run("compare", "--date-a", date, EN, DE)
    assert result.exit_code == 1 and "--date-a" in result.stderr and "YYYY-MM-DD" in result.stderr


def test_version() -> None:
    result = _run("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"samestory {__version__}"


@pytest.mark.parametrize("command", [[], ["compare"], ["ingest"], ["eval", "dev"]])
def test_help_shows_words_not_type_placeholders(command: list[str]) -> None:
    text = _run(*command, "--help").stdout
    assert "Usage" in text
    for placeholder in ("<bool>", "<str>", "<path>", "{a}", "list[str]"):
        assert placeholder not in text


@pytest.mark.slow
def test_piped_report_keeps_whole_lines() -> None:
    result = _run("compare", EN, DE)
    assert result.exit_code == 0, result.output
    scores = next(line for line in result.stdout.splitlines() if "SemEval" in line)
    assert "tone" in scores  # one line, however long, when the output is not a terminal


def test_invalid_utf8_is_read_with_a_warning_naming_file_and_offset(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.txt"
    good = "Grüße aus München. ".encode() * 4
    damaged.write_bytes(good + b"\xff\xfe Ende.")
    result = CliRunner().invoke(app, ["inspect", "--json", str(damaged)])
    assert result.exit_code == 0, result.output
    assert "damaged.txt" in result.stderr and f"offset {len(good)}" in result.stderr and "UTF-8" in result.stderr


def test_a_language_of_an_unsupported_script_is_named_as_unsupported(tmp_path: Path) -> None:
    thai = tmp_path / "thai.txt"
    thai.write_text("รัฐบาลไทยประกาศมาตรการใหม่เพื่อช่วยเหลือเกษตรกรที่ได้รับผลกระทบจากน้ำท่วมในภาคเหนือ\n" * 3)
    result = CliRunner().invoke(app, ["inspect", "--json", str(thai)])
    assert result.exit_code == 0, result.output
    assert "Thai script" in result.stdout and "does not support" in result.stdout
