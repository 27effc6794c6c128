"""People and organisations in Chinese (and Japanese kanji) text, from jieba's part-of-speech tags.

jieba tags person (``nr``) and organisation (``nt``) names, but its dictionary does not know most foreign
names, which Chinese writes as transliterations cut into pieces ("昂山/nr 素/n 姬/nr" for Aung San Suu Kyi).
What the tags miss, the text itself tells: a transliterated name is written the same way each time, so a
person piece and the pieces after it that recur together in the article are one name, and a lone rare
character before a person piece is its first syllable ("敏/昂萊", Min Aung Hlaing). An organisation
right after its country ("緬甸/ns 國防軍/nt") is named with it; a title tagged as a name ("國務資政", State
Counsellor), a state or province ("若開邦") or a preposition glued to a name ("由敏瑞", "by Myint Swe") is
not part of any name.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from samestory.documents.vocabulary import zipf

NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "nt", "nz"})
PERSON_TAGS = frozenset({"nr", "nrt", "nrfg"})
_ORGANISATION_TAG = "nt"
_PLACE_TAG = "ns"
EVERYDAY_ZIPF = 4.5
"""Name-tagged words this frequent are vocabulary ("全國", "聯盟", "通訊"); "新华社" (4.4) is still a name."""
_MAX_PIECES_JOINED = 2
_MAX_JOINED_PIECE_CHARS = 2
_MIN_RECURRENCE = 2
_SYLLABLE_ZIPF = 4.0

_TITLE_ENDINGS = frozenset(
    {
        *("總統", "总统", "主席", "部長", "部长", "總理", "总理", "首相", "資政", "资政", "總司令", "总司令"),
        *("司令", "發言人", "发言人", "將軍", "将军", "大使", "議長", "议长", "市長", "市长", "秘書長", "秘书长"),
        *("總裁", "总裁", "主任", "書記", "书记", "外長", "外长", "國王", "国王", "女王"),
    }
)
"""Titles written right after a country or office ("國務資政", "缅甸总统"): they name a role, not a person."""
_PLACE_ENDINGS = tuple("邦省州市縣县區区鎮镇村")
"""Administrative divisions ("若開邦", Rakhine State; "伊洛瓦底省"): places, though jieba may tag them as names."""
_NO_NAME_ENDINGS = (*_TITLE_ENDINGS, *_PLACE_ENDINGS)
_PREPOSITIONS = frozenset("由於于在與与和及被向對对從从把將将為为")
"""One-character prepositions and conjunctions jieba sometimes glues to the name after them ("由敏瑞")."""


@dataclass(frozen=True, slots=True)
class CjkName:
    text: str
    sentence: int
    is_person: bool


def find_cjk_names(sentences: list[str], place_positions: set[tuple[int, int]]) -> Iterator[CjkName]:
    """jieba's name tags, with the pieces of one transliterated name joined and places left out."""
    text = "".join(sentences)
    for index, sentence in enumerate(sentences):
        pieces = list(_tagged_pieces(sentence, index, place_positions))
        position = 0
        while position < len(pieces):
            word, flag, is_place = pieces[position]
            if flag not in NAME_TAGS or is_place or zipf(word, "zh") >= EVERYDAY_ZIPF:
                position += 1
                continue
            if flag == _ORGANISATION_TAG and position > 0 and pieces[position - 1][1] == _PLACE_TAG:
                word = pieces[position - 1][0] + word  # "緬甸國防軍": the Myanmar armed forces
            joined, used = _joined_name(pieces, position, text) if flag in PERSON_TAGS else (word, 1)
            if flag in PERSON_TAGS and position > 0 and _is_name_syllable(pieces[position - 1]):
                joined = pieces[position - 1][0] + joined  # "敏" + "昂萊": Min Aung Hlaing
            position += used
            name = _without_preposition(joined, text)
            if len(name) >= 2 and not name.endswith(_NO_NAME_ENDINGS):
                yield CjkName(name, index, flag in PERSON_TAGS)


def _tagged_pieces(sentence: str, index: int, place_positions: set[tuple[int, int]]) -> Iterator[tuple[str, str, bool]]:
    offset = 0
    for pair in _jieba_tagger().cut(sentence):
        start = sentence.find(pair.word, offset)
        offset = start + len(pair.word) if start >= 0 else offset
        yield pair.word, pair.flag, (index, start) in place_positions or pair.flag == _PLACE_TAG


def _joined_name(pieces: list[tuple[str, str, bool]], position: int, text: str) -> tuple[str, int]:
    """A person piece with the short pieces after it that the article writes together again ("昂山" + "素" +
    "姬"), or with the next person piece ("翁山" + "蘇姬"); how many pieces it used."""
    name = pieces[position][0]
    used = 1
    for ahead in range(position + 1, min(len(pieces), position + 1 + _MAX_PIECES_JOINED)):
        word, flag, is_place = pieces[ahead]
        if is_place or not word.isalpha():
            break
        candidate = name + word
        short_and_rare = len(word) <= _MAX_JOINED_PIECE_CHARS and zipf(word, "zh") < EVERYDAY_ZIPF
        recurs = short_and_rare and text.count(candidate) >= _MIN_RECURRENCE
        if not (flag in PERSON_TAGS or recurs):
            break
        name, used = candidate, used + 1
    return name, used


def _is_name_syllable(piece: tuple[str, str, bool]) -> bool:
    """A lone, rare character right before a person piece is the first syllable of the name jieba cut."""
    word, _flag, is_place = piece
    return (
        len(word) == 1
        and word.isalpha()
        and not is_place
        and word not in _PREPOSITIONS
        and zipf(word, "zh") < _SYLLABLE_ZIPF
    )


def _without_preposition(name: str, text: str) -> str:
    """'由敏瑞' → '敏瑞' when the article also writes the name without it."""
    if len(name) >= 3 and name[0] in _PREPOSITIONS and text.count(name[1:]) > text.count(name):
        return name[1:]
    return name


@lru_cache(maxsize=1)
def _jieba_tagger():  # type: ignore[no-untyped-def]
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return jieba.posseg
