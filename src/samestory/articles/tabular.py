"""JSON Lines and CSV collections: one bad line or row is reported and the rest are read."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator

from samestory.articles.model import ReadFailure, ReadResult
from samestory.articles.records import FieldMap, article_from_record
from samestory.articles.streaming import Line, OversizedLine
from samestory.errors import InputError

csv.field_size_limit(50_000_000)


def read_jsonl(lines: str | Iterable[Line], item: str, fields: FieldMap) -> Iterator[ReadResult]:
    """Each line's article or failure; ``lines`` is the whole text or the lines ``stream_lines`` yields."""
    for number, line in enumerate(_as_lines(lines), start=1):
        where = f"{item}:{number}"
        if isinstance(line, OversizedLine):
            yield ReadFailure(where, f"is a line of {line.size:,} bytes, too long for one article; skipped")
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield ReadFailure(where, f"is not valid JSON ({error.msg} at column {error.colno})")
            continue
        try:
            yield article_from_record(record, where, f"{_stem(item)}-{number}", fields)
        except InputError as error:
            yield ReadFailure(error.item, error.reason)


def read_csv(lines: str | Iterable[Line], item: str, fields: FieldMap) -> Iterator[ReadResult]:
    """Each row's article or failure, numbered by the row's first line in the file (the header is line 1)."""
    source = io.StringIO(lines) if isinstance(lines, str) else _text_only(lines, item)
    reader = csv.DictReader(source)
    try:
        header = reader.fieldnames
    except (csv.Error, InputError) as error:
        yield ReadFailure(item, f"CSV header cannot be read ({error})")
        return
    if not header or fields.text not in header:
        found = ", ".join(header or []) or "none"
        yield ReadFailure(
            item, f"CSV has no {fields.text!r} column (columns: {found}); name it with --fields text=COLUMN"
        )
        return
    while True:
        number = reader.line_num + 1
        where = f"{item}:{number}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except (csv.Error, InputError) as error:
            yield ReadFailure(where, f"the rest of the file cannot be read as CSV ({error})")
            return
        try:
            yield article_from_record(row, where, f"{_stem(item)}-{number}", fields)
        except InputError as error:
            yield ReadFailure(error.item, error.reason)


def _as_lines(lines: str | Iterable[Line]) -> Iterable[Line]:
    return lines.splitlines() if isinstance(lines, str) else lines


def _text_only(lines: Iterable[Line], item: str) -> Iterator[str]:
    """CSV rows may span lines, so an oversized line cannot be skipped alone: it ends the file's reading."""
    for line in lines:
        if isinstance(line, OversizedLine):
            raise InputError(f"{item}:{line.number}", f"is a line of {line.size:,} bytes, too long for one article")
        yield line


def _stem(item: str) -> str:
    name = item.replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] or "line"
