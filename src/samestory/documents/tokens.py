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


_ELISION = re.compile(r"^(?:[ldjnmst]|qu|dell|dall|nell|sull|all|un|quell)['’](?=[^\W\d_])", re.IGNORECASE)
"""French and Italian elided articles before a name ("l'Ukraine", "d'Alembert", "dell'ONU")."""


def name_part(word: Word) -> Word:
    """The part of a word that can be (part of) a name: "l'Ukraine" → "Ukraine", "Turkey-brokered" →
    "Turkey", "GNA-aligned" → "GNA" (a lower-case tail after a hyphen describes the name)."""
    match = _ELISION.match(word.text)
    if match:
        word = Word(word.text[match.end() :], word.start + match.end(), word.end)
    head, sep, tail = word.text.partition("-")
    if sep and tail[:1].islower() and head[:1].isupper() and len(head) > 2:
        return Word(head, word.start, word.start + len(head))
    return word


def adjacent(sentence: str, left: Word, right: Word) -> bool:
    """True when only spaces separate two words, so they can belong to one name."""
    return bool(_JOINING_GAP.match(sentence[left.end : right.start]))


def fold_case(text: str) -> str:
    """A caseless lookup key: lower case with the letters that case-insensitive patterns equate folded.

    Patterns compiled with ``re.IGNORECASE`` let "MAYIS" match "mayıs" and "BİN" match "bin", but
    ``str.lower`` gives "mayis" and "bi̇n" (i + combining dot). Lexicons are keyed by this function and
    looked up by it, so whatever a pattern matched is found, in any script.
    """
    lowered = text.lower()
    if "\u0307" in lowered:
        lowered = lowered.replace("\u0307", "")
    return lowered.translate(_CASELESS)


_CASELESS = str.maketrans({"ı": "i", "ς": "σ", "ſ": "s"})


_CJK = re.compile("[\u4e00-\u9fff\u3040-\u30ff]")


def is_cjk(text: str) -> bool:
    return _CJK.search(text, 0, 200) is not None
