"""One entry point for every input: files, directories, collections and stdin, by extension or by sniffing.

Readers yield ``Article`` or ``ReadFailure`` so a batch never stops at the first bad item.
"""

from __future__ import annotations

import codecs
import io
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from samestory.articles.html import article_from_html, looks_like_html
from samestory.articles.model import Article, ReadFailure, ReadResult
from samestory.articles.parquet import read_parquet
from samestory.articles.plain import article_from_plain_text
from samestory.articles.records import FieldMap, article_from_record
from samestory.articles.semeval import article_from_newspaper_record, is_semeval_dir, iter_semeval_dir
from samestory.articles.streaming import SAMPLE_BYTES, Prepended, stream_handle_lines, stream_lines
from samestory.articles.tabular import read_csv, read_jsonl
from samestory.articles.text import DEFAULT_MAX_BYTES, decode_bytes
from samestory.errors import InputError

STDIN = "-"
_COLLECTION_MAX_BYTES = 20_000_000_000
_RECORD_OVERHEAD = 2
"""A JSON line may hold an article at the size limit, escaped, with its metadata."""
_TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_JSONL_SUFFIXES = {".jsonl", ".ndjson"}


def read_articles(
    inputs: Iterable[str | Path],
    fields: FieldMap | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[ReadResult]:
    """Read every input in turn; directories are walked, collections are split into their articles."""
    fields = fields or FieldMap()
    for source in inputs:
        name = str(source)
        if name == STDIN:
            yield from _read_stdin(fields, max_bytes)
            continue
        path = Path(source)
        if path.is_dir():
            yield from _read_directory(path, fields, max_bytes)
        elif not path.exists():
            yield ReadFailure(name, "no such file or directory")
        else:
            yield from _read_file(path, fields, max_bytes)


def read_one_article(source: str | Path, fields: FieldMap | None = None) -> Article:
    """Read exactly one article (the first of a collection); raise InputError when there is none."""
    for result in read_articles([source], fields):
        if isinstance(result, ReadFailure):
            raise InputError(result.item, result.reason)
        return result
    raise InputError(str(source), "contains no article")


def _read_stdin(fields: FieldMap, max_bytes: int) -> Iterator[ReadResult]:
    """A short input is read whole and sniffed like a file; a long JSON Lines stream is read line by line."""
    stream = sys.stdin.buffer
    sample = stream.read(SAMPLE_BYTES)
    if len(sample) == SAMPLE_BYTES and _sniff(sample[:4000].decode("utf-8", errors="ignore")) == ".jsonl":
        handle = io.BufferedReader(Prepended(sample, stream))
        try:
            yield from read_jsonl(
                stream_handle_lines(handle, sample, "<stdin>", max_bytes * _RECORD_OVERHEAD), "<stdin>", fields
            )
        except InputError as error:
            yield ReadFailure(error.item, error.reason)
        return
    data = sample + stream.read()
    yield from _read_bytes(data, "<stdin>", "stdin", suffix=None, fields=fields, max_bytes=max_bytes)


def _read_directory(directory: Path, fields: FieldMap, max_bytes: int) -> Iterator[ReadResult]:
    if is_semeval_dir(directory):
        yield from iter_semeval_dir(directory)
        return
    files = directory_files(directory)
    if not files:
        yield ReadFailure(str(directory), "directory holds no files")
    for path in files:
        yield from _read_file(path, fields, max_bytes)


def directory_files(directory: Path) -> list[Path]:
    """The files a directory input is read from, in the order they are read (hidden files left out)."""
    return sorted(p for p in directory.rglob("*") if p.is_file() and not p.name.startswith("."))


def _read_file(path: Path, fields: FieldMap, max_bytes: int) -> Iterator[ReadResult]:
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        yield from read_parquet(path, fields)
        return
    if suffix in _JSONL_SUFFIXES or suffix == ".csv":
        yield from _read_collection(path, suffix, fields, max_bytes)
        return
    try:
        data = path.read_bytes()
    except OSError as error:
        yield ReadFailure(str(path), f"cannot be read ({error.strerror})")
        return
    yield from _read_bytes(data, str(path), path.stem, suffix, fields, max_bytes)


def _read_collection(path: Path, suffix: str, fields: FieldMap, max_bytes: int) -> Iterator[ReadResult]:
    """JSON Lines and CSV files are streamed: memory stays flat however large the file."""
    item = str(path)
    try:
        if path.stat().st_size == 0:
            yield ReadFailure(item, "is empty")
            return
        with path.open("rb") as probe:
            head = probe.read(2)
        if head in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):  # rare: read whole, as a single article would be
            yield from _read_bytes(path.read_bytes(), item, path.stem, suffix, fields, _COLLECTION_MAX_BYTES)
            return
        lines = stream_lines(path, max_line_bytes=max_bytes * _RECORD_OVERHEAD)
        reader = read_jsonl if suffix in _JSONL_SUFFIXES else read_csv
        yield from reader(lines, item, fields)
    except InputError as error:
        yield ReadFailure(error.item, error.reason)
    except OSError as error:
        yield ReadFailure(item, f"cannot be read ({error.strerror})")


def _read_bytes(
    data: bytes, item: str, stem: str, suffix: str | None, fields: FieldMap, max_bytes: int
) -> Iterator[ReadResult]:
    try:
        text = decode_bytes(data, item, max_bytes=max_bytes)
        if not text.strip():
            raise InputError(item, "is empty")
        kind = suffix if suffix is not None else _sniff(text)
        if kind in _JSONL_SUFFIXES:
            yield from read_jsonl(text, item, fields)
        elif kind == ".csv":
            yield from read_csv(text, item, fields)
        elif kind == ".json":
            yield _article_from_json(text, item, stem, fields)
        elif kind in _HTML_SUFFIXES or looks_like_html(text):
            yield article_from_html(text, item, stem)
        elif kind in _TEXT_SUFFIXES or suffix is None:
            yield article_from_plain_text(text, item, stem)
        else:
            yield ReadFailure(item, f"unknown file type {suffix!r}: use .txt, .html, .jsonl, .csv or .json")
    except InputError as error:
        yield ReadFailure(error.item, error.reason)


_DOWNLOADER_KEYS = frozenset({"publish_date", "meta_lang", "source_url", "meta_description"})
"""Fields only the SemEval downloader's (newspaper3k's) article JSON has."""


def _article_from_json(text: str, item: str, stem: str, fields: FieldMap) -> Article:
    """One JSON object: the SemEval downloader's article, or a record with samestory's field names (as a JSON
    Lines line: ``id``, ``date``, ``lang``… or those ``--fields`` names), whose date and language would
    otherwise be lost without a word."""
    try:
        record = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(item, f"is not valid JSON ({error.msg})") from error
    if not isinstance(record, dict):
        raise InputError(item, "is not a JSON object with title and text")
    if fields == FieldMap() and _DOWNLOADER_KEYS & record.keys():
        return article_from_newspaper_record(record, item, stem)
    return article_from_record(record, item, stem, fields)


def _sniff(text: str) -> str:
    head = text.lstrip()[:2000]
    if looks_like_html(head):
        return ".html"
    if head.startswith("{"):
        first_line = head.split("\n", 1)[0].strip()
        return ".jsonl" if first_line.endswith("}") else ".json"
    return ".txt"
