"""Untrusted bytes become clean text or a clear refusal: mojibake, encodings, binary data, size limits."""

from __future__ import annotations

import pytest

from samestory.articles.text import decode_bytes, looks_binary, repair_text, require_text
from samestory.errors import InputError, InputWarning


def test_repair_text_fixes_cp1252_mojibake() -> None:
    assert repair_text("The vote â€” held on Monday â€” passed.") == "The vote — held on Monday — passed."


def test_repair_text_fixes_double_encoded_accents() -> None:
    assert repair_text("Der PrÃ¤sident sprach in ZÃ¼rich.") == "Der Präsident sprach in Zürich."


def test_repair_text_normalises_spaces_and_keeps_paragraphs() -> None:
    raw = "First  line\u00a0here \r\nsecond\tline\n\n\n\n\nnew paragraph\x07 ends"
    assert repair_text(raw) == "First line here\nsecond line\n\nnew paragraph ends"


def test_decode_bytes_strips_utf8_bom() -> None:
    assert decode_bytes("\ufeffHarbour news".encode(), "a.txt") == "Harbour news"


def test_decode_bytes_reads_legacy_cyrillic_code_page() -> None:
    text = "Городской совет во вторник утвердил новый бюджет для школ и больниц."
    with pytest.warns(InputWarning, match=r"ru\.txt: not valid UTF-8 .*offset 0.*read as cp1251"):
        assert decode_bytes(text.encode("cp1251"), "ru.txt") == text


def test_decode_bytes_reads_utf16_with_bom() -> None:
    """Windows 'Unicode' text files are full of NUL bytes but are not binary."""
    text = "Die Fähre fährt wieder nach Plan."
    assert decode_bytes(text.encode("utf-16"), "win.txt") == text


def test_decode_bytes_keeps_utf8_around_a_few_damaged_bytes() -> None:
    data = b"\xff\xfe\xfa bad bytes, then caf\xc3\xa9 and cr\xc3\xa8me"
    with pytest.warns(InputWarning, match=r"mixed\.txt: .*3 damaged byte sequence\(s\), the first at byte offset 0"):
        text = decode_bytes(data, "mixed.txt")
    assert text.startswith("\ufffd\ufffd\ufffd bad bytes")
    assert text.endswith("café and crème")


def test_decode_bytes_guesses_a_code_page_for_undecodable_bytes() -> None:
    """Bytes that are neither UTF-8 nor UTF-16 are read in a guessed code page, never a crash."""
    with pytest.warns(InputWarning, match=r"odd\.txt: .*a guess"):
        text = decode_bytes(b"\xff\xfe\xfa bad", "odd.txt")
    assert text.endswith(" bad")
    assert "\ufffd" not in text


def test_decode_bytes_rejects_oversized_input_naming_item_and_limit() -> None:
    with pytest.raises(InputError) as caught:
        decode_bytes(b"a" * 1_500, "big.txt", max_bytes=1_000)
    assert caught.value.item == "big.txt"
    assert caught.value.reason.startswith("is 1,500 bytes, over the 1,000 bytes limit")


def test_decode_bytes_size_message_gives_both_sizes() -> None:
    with pytest.raises(InputError, match=r"big\.txt: is 3\.0 MB, over the 2\.0 MB limit"):
        decode_bytes(b"a" * 3_000_000, "big.txt")


def test_decode_bytes_rejects_binary_data() -> None:
    with pytest.raises(InputError, match="binary"):
        decode_bytes(b"%PDF-1.7\x00\x01\x02\x03 stream", "scan.txt")


@pytest.mark.parametrize(
    ("data", "expected"),
    [(b"", False), (b"plain words\nand lines\r\n", False), (b"abc\x00def", True), (bytes(range(1, 32)) * 4, True)],
)
def test_looks_binary(data: bytes, expected: bool) -> None:
    assert looks_binary(data) is expected


def test_require_text_refuses_missing_text() -> None:
    with pytest.raises(InputError, match="has no text"):
        require_text(None, "row 3")


def test_require_text_refuses_text_without_letters() -> None:
    with pytest.raises(InputError, match="no letters"):
        require_text("  12 345 -- ... 67  ", "row 4")


def test_require_text_refuses_overlong_text() -> None:
    with pytest.raises(InputError, match="over the 10 limit"):
        require_text("x" * 11, "row 5", max_chars=10)


def test_require_text_returns_repaired_text() -> None:
    assert require_text("  Itâ€™s  done.  ", "row 6") == "It's done."
