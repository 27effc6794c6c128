"""Word tokens with their offsets, shared by the entity, place and number finders."""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"[^\W\d_](?:[\w'’.-]*[^\W_])?")
_JOINING_GAP = re.compile(r"^[ \t\u00a0]*$")


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    start: int
    end: int


def words(sentence: str) -> list[Word]:
    return [Word(m.group(), m.start(), m.end()) for m in _WORD.finditer(sentence)]


def adjacent(sentence: str, left: Word, right: Word) -> bool:
    """True when only spaces separate two words, so they can belong to one name."""
    return bool(_JOINING_GAP.match(sentence[left.end : right.start]))


_CJK = re.compile("[\u4e00-\u9fff\u3040-\u30ff]")


def is_cjk(text: str) -> bool:
    return _CJK.search(text, 0, 200) is not None
