"""Sentence segmentation for Latin, Cyrillic, Greek, Arabic and CJK text without per-language models.

Boundaries are sentence-final punctuation (including 。！？ and ؟) followed by a plausible start, and
paragraph breaks; common abbreviations, initials and decimal numbers do not end a sentence.
"""

from __future__ import annotations

import re

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "sr",
        "jr",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "gov",
        "sen",
        "rep",
        "pres",
        "no",
        "nr",
        "vs",
        "etc",
        "ca",
        "inc",
        "ltd",
        "co",
        "corp",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "e.g",
        "i.e",
        "z.b",
        "bzw",
        "usw",
        "dr",
        "h.c",
        "mme",
        "mlle",
        "sra",
        "sr",
        "dña",
        "av",
        "art",
        "abs",
        "s.a",
        "hl",
    ]
)
_BOUNDARY = re.compile(
    r"""(?<=[.!?…])(?P<close>["'”’»)\]]*)\s+(?=["'“‘«(\[¿¡]*[^\s\da-zà-ÿ])  # mark, space, non-lower start
      |(?<=[。！？؟])(?P<cjk_close>[”’」』）)]*)                             # CJK and Arabic: no space needed
    """,
    re.VERBOSE,
)
_PARAGRAPH = re.compile(r"\n\s*")
_DAY_ORDINAL = re.compile(r"(?:^|\s)(?:[12]?\d|3[01])\.$")
_CAPITALISED_MONTH = re.compile(
    r"(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)\b"
)
"""German writes dates as "17. März": the ordinal's full stop before a capitalised month ends no sentence."""
_MIN_SENTENCE_CHARS = 2
MAX_SENTENCE_CHARS = 1000


def split_sentences(text: str) -> list[str]:
    sentences: list[str] = []
    for paragraph in _PARAGRAPH.split(text):
        paragraph = paragraph.strip()
        if paragraph:
            sentences.extend(_split_paragraph(paragraph))
    return [s for s in sentences if len(s) >= _MIN_SENTENCE_CHARS]


def _split_paragraph(paragraph: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        candidate = paragraph[start : match.start()].rstrip()
        if _ends_with_abbreviation(candidate) or _is_day_before_month(candidate, paragraph[match.end() :]):
            continue
        closers_end = match.end("close") if match["close"] is not None else match.end("cjk_close")
        pieces.append(paragraph[start:closers_end].strip())  # a closing quote belongs to its sentence
        start = match.end()
    pieces.append(paragraph[start:].strip())
    return [chunk for piece in pieces if piece for chunk in _cap_length(piece)]


def _ends_with_abbreviation(candidate: str) -> bool:
    if not candidate.endswith("."):
        return False
    last = candidate[:-1].rsplit(None, 1)[-1].lower() if candidate[:-1].strip() else ""
    last = last.lstrip("(\"'“«")
    return len(last) == 1 or last in _ABBREVIATIONS or bool(re.fullmatch(r"(?:\w\.)+\w", last))


def _is_day_before_month(candidate: str, following: str) -> bool:
    return bool(_DAY_ORDINAL.search(candidate) and _CAPITALISED_MONTH.match(following))


def _cap_length(sentence: str) -> list[str]:
    """Very long 'sentences' (tables, run-on lists) are cut at word boundaries to keep encoders fast."""
    if len(sentence) <= MAX_SENTENCE_CHARS:
        return [sentence]
    chunks: list[str] = []
    while len(sentence) > MAX_SENTENCE_CHARS:
        cut = sentence.rfind(" ", 0, MAX_SENTENCE_CHARS)
        cut = cut if cut > MAX_SENTENCE_CHARS // 2 else MAX_SENTENCE_CHARS
        chunks.append(sentence[:cut].strip())
        sentence = sentence[cut:].strip()
    if sentence:
        chunks.append(sentence)
    return chunks
