"""JSON Lines and CSV files read line by line: a 5 GB export ingests in constant memory.

The encoding is settled from the first megabyte, as for a single article (UTF-8, else the detected legacy code
page, with a warning); a line that still does not decode has its damaged bytes replaced and is named in a
warning with its byte offset. A line over the size limit is not read into memory: it is skipped to its end
and reported as that line's failure.
"""

from __future__ import annotations

import codecs
import io
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from samestory.articles.text import VALID_UTF8_MULTIBYTE, looks_binary
from samestory.errors import InputError, InputWarning

SAMPLE_BYTES = 1_000_000
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class OversizedLine:
    """Stands for a line too long to be one article; the reader reports it and goes on."""

    number: int
    size: int


Line = str | OversizedLine


def stream_lines(path: Path, max_line_bytes: int) -> Iterator[Line]:
    """The file's lines as text (newlines kept), numbered by position; never more than one line in memory."""
    with path.open("rb") as handle:
        sample = handle.read(SAMPLE_BYTES)
        handle.seek(0)
        yield from stream_handle_lines(handle, sample, str(path), max_line_bytes)


def stream_handle_lines(handle: BinaryIO, sample: bytes, item: str, max_line_bytes: int) -> Iterator[Line]:
    """As ``stream_lines`` for an open stream (stdin) whose first bytes, ``sample``, it will read again."""
    encoding = _encoding_of(sample, item)
    offset = 0
    for number, raw in enumerate(_raw_lines(handle, max_line_bytes), start=1):
        if isinstance(raw, OversizedLine):
            yield OversizedLine(number, raw.size)
            offset += raw.size
            continue
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw, offset = raw[len(codecs.BOM_UTF8) :], offset + len(codecs.BOM_UTF8)
        yield _decode_line(raw, encoding, f"{item}:{number}", offset)
        offset += len(raw)


class Prepended(io.RawIOBase):
    """A stream that gives ``first`` and then the rest of ``rest``: stdin sniffed, then read from its start."""

    def __init__(self, first: bytes, rest: BinaryIO) -> None:
        self._first = memoryview(first)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def,override]
        if self._first:
            size = min(len(buffer), len(self._first))
            buffer[:size] = self._first[:size]
            self._first = self._first[size:]
            return size
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _encoding_of(sample: bytes, item: str) -> str:
    if looks_binary(sample):
        raise InputError(item, "looks like a binary file, not text (NUL or control bytes in the first 8 kB)")
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        if error.start >= len(sample) - 4 or VALID_UTF8_MULTIBYTE.search(sample):
            return "utf-8"  # a character cut by the sample's end, or UTF-8 with damaged bytes
        from charset_normalizer import from_bytes

        best = from_bytes(sample).best()
        if best is None or best.encoding is None:
            raise InputError(
                item, f"is not valid UTF-8 (bad byte at offset {error.start}) and its encoding cannot be detected"
            ) from None
        warnings.warn(
            InputWarning(
                f"{item}: not valid UTF-8 (first bad byte at offset {error.start}); read as {best.encoding}, "
                "a guess: check the text, or convert the file to UTF-8"
            ),
            stacklevel=3,
        )
        return best.encoding


def _decode_line(raw: bytes, encoding: str, where: str, offset: int) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        warnings.warn(
            InputWarning(
                f"{where}: not valid {encoding.upper()} at byte offset {offset + error.start} of the file; "
                "the damaged bytes were replaced by U+FFFD"
            ),
            stacklevel=3,
        )
        return raw.decode(encoding, errors="replace")


def _raw_lines(handle: BinaryIO, max_line_bytes: int) -> Iterator[bytes | OversizedLine]:
    while True:
        line = handle.readline(max_line_bytes + 1)
        if not line:
            return
        if len(line) <= max_line_bytes or line.endswith(b"\n"):
            yield line
            continue
        size = len(line)
        while not line.endswith(b"\n"):
            line = handle.readline(_CHUNK)
            if not line:
                break
            size += len(line)
        yield OversizedLine(0, size)
