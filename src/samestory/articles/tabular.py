"""JSON Lines and CSV collections: one bad line or row is reported and the rest are read."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from samestory.articles.model import ReadFailure, ReadResult
from samestory.articles.records import FieldMap, article_from_record
from samestory.errors import InputError

csv.field_size_limit(50_000_000)


def read_jsonl(text: str, item: str, fields: FieldMap) -> Iterator[ReadResult]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{item}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield ReadFailure(where, f"is not valid JSON ({error.msg} at column {error.colno})")
            continue
        try:
            yield article_from_record(record, where, f"{_stem(item)}-{number}", fields)
        except InputError as error:
            yield ReadFailure(error.item, error.reason)


def read_csv(text: str, item: str, fields: FieldMap) -> Iterator[ReadResult]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or fields.text not in reader.fieldnames:
        found = ", ".join(reader.fieldnames or []) or "none"
        yield ReadFailure(
            item, f"CSV has no {fields.text!r} column (columns: {found}); name it with --fields text=COLUMN"
        )
        return
    for number, row in enumerate(reader, start=2):
        where = f"{item}:{number}"
        try:
            yield article_from_record(row, where, f"{_stem(item)}-{number}", fields)
        except InputError as error:
            yield ReadFailure(error.item, error.reason)


def _stem(item: str) -> str:
    name = item.replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] or "line"
