"""Turning untrusted bytes into clean text: encoding, binary detection, size limits, mojibake repair.

Real feeds carry CP-1252 mojibake ("â€”"), stray control bytes and the occasional PDF renamed .txt;
each is either repaired or rejected with a reason, never passed on silently.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import ftfy

from samestory.errors import InputError, InputWarning

DEFAULT_MAX_BYTES = 2_000_000
"""News articles are rarely over 100 kB; 2 MB leaves room for long reports but rejects dumps."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_MANY_NEWLINES = re.compile(r"\n{3,}")
VALID_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
"""Legacy code pages almost never produce these sequences by chance; UTF-8 text is full of them."""


def decode_bytes(data: bytes, item: str, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Decode a file's bytes to text, refusing binary data and oversized input with a clear reason."""
    if len(data) > max_bytes:
        raise InputError(
            item,
            f"is {_size(len(data))}, over the {_size(max_bytes)} limit for one article "
            "(a news article is rarely over 100 kB: is this the right file?)",
        )
    if looks_binary(data):
        text = _decode_utf16(data) if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else None
        if text is not None:
            return text
        raise InputError(item, "looks like a binary file, not text (NUL or control bytes in the first 8 kB)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return _decode_non_utf8(data, item, error)


def _size(n_bytes: int) -> str:
    """Megabytes for real limits, bytes for small ones: "0.0 MB over the 0.0 MB limit" explains nothing."""
    return f"{n_bytes / 1e6:.1f} MB" if n_bytes >= 100_000 else f"{n_bytes:,} bytes"


def _decode_utf16(data: bytes) -> str | None:
    """Windows editors save "Unicode" text as UTF-16 with a BOM; its NUL bytes are not binary data."""
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError:
        return None


def _decode_non_utf8(data: bytes, item: str, error: UnicodeDecodeError) -> str:
    if VALID_UTF8_MULTIBYTE.search(data):
        # UTF-8 with a few damaged bytes: re-reading it all in a legacy code page would garble every accent.
        text = data.decode("utf-8-sig", errors="replace")
        damaged = text.count("\ufffd") - data.decode("utf-8-sig", errors="ignore").count("\ufffd")
        _warn(f"{item}: not valid UTF-8: {damaged} damaged byte sequence(s), the first at byte offset "
              f"{error.start}; each was replaced by U+FFFD")  # fmt: skip
        return text
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(
            item, f"is not valid UTF-8 (bad byte at offset {error.start}) and its encoding cannot be detected"
        )
    _warn(f"{item}: not valid UTF-8 (first bad byte at offset {error.start}); read as {best.encoding}, "
          "a guess: check the text, or convert the file to UTF-8")  # fmt: skip
    return str(best)


def _warn(message: str) -> None:
    import warnings

    warnings.warn(InputWarning(message), stacklevel=4)


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 13, 12))
    return controls / len(head) > 0.05


def repair_text(text: str) -> str:
    """Fix mojibake and normalise whitespace while keeping paragraph breaks."""
    text = ftfy.fix_text(text, normalization="NFC")
    text = _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _MANY_NEWLINES.sub("\n\n", "\n".join(lines)).strip()


def require_text(text: str | None, item: str, max_chars: int = DEFAULT_MAX_BYTES) -> str:
    """Repair a text field and refuse it when nothing readable is left."""
    if text is None:
        raise InputError(item, "has no text")
    if len(text) > max_chars:
        raise InputError(item, f"text has {len(text):,} characters, over the {max_chars:,} limit for one article")
    repaired = repair_text(text)
    if not any(unicodedata.category(ch)[0] == "L" for ch in repaired[:5000]):
        raise InputError(item, "is empty (no letters in its text)")
    return repaired
