"""Generic actors named by common nouns ("the government", "die Regierung", "правительство").

Many reports never name the body that acted; a small multilingual lexicon turns these nouns into
shared keys such as ``role:government`` so that who-did-what can still be compared across languages.
Forms are matched as word prefixes so inflected forms ("Regierungen", "правительства") count too.
"""

from __future__ import annotations

import re
from functools import lru_cache

from samestory.documents.model import EntityMention
from samestory.documents.tokens import fold_case

_ROLES: dict[str, tuple[str, ...]] = {
    "government": ("government", "regierung", "gouvernement", "gobierno", "governo", "regering", "rząd",
                   "правительств", "уряд", "hükümet", "guvern", "vlada", "vlade", "vladu", "vladom",
                   "حكوم", "政府"),
    "military": ("military", "army", "militär", "armee", "armée", "militaire", "ejército", "militar",
                 "esercito", "leger", "wojsk", "армия", "военн", "ordu", "جيش", "军方", "軍方"),
    "opposition": ("opposition", "opposición", "opposizione", "oppositie", "opozycj", "оппозиц", "muhalefet",
                   "معارض", "反对派"),
    "central bank": ("central bank", "zentralbank", "notenbank", "banque centrale", "banco central",
                     "banca centrale", "centrale bank", "bank centraln", "центробанк", "центральный банк",
                     "merkez bankası", "البنك المركزي", "央行", "中央银行"),
    "police": ("police", "polizei", "policía", "polizia", "politie", "policj", "полици", "polis",
               "شرط", "警方"),
    "parliament": ("parliament", "parlament", "parlement", "parlamento", "парламент", "meclis", "برلمان", "议会"),
    "court": ("court", "gericht", "tribunal", "tribunale", "rechtbank", "sąd", "суд", "mahkeme", "محكم", "法院"),
    "president": ("president", "präsident", "président", "presidente", "prezydent", "президент",
                  "cumhurbaşkanı", "رئيس", "总统"),
}  # fmt: skip


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    forms = sorted({form for forms in _ROLES.values() for form in forms}, key=len, reverse=True)
    return re.compile(
        r"(?<![^\W\u4e00-\u9fff\u0600-\u06ff])(" + "|".join(re.escape(f) for f in forms) + r")", re.IGNORECASE
    )


@lru_cache(maxsize=1)
def _role_of_form() -> dict[str, str]:
    return {fold_case(form): role for role, forms in _ROLES.items() for form in forms}


def find_roles(sentences: list[str]) -> list[EntityMention]:
    found: dict[str, EntityMention] = {}
    roles = _role_of_form()
    for index, sentence in enumerate(sentences):
        for match in _pattern().finditer(sentence):
            role = roles.get(fold_case(match.group(1)))
            if role is None:
                continue
            key = f"role:{role}"
            end = sentence.find(" ", match.end())
            surface = sentence[match.start() : end if end != -1 else len(sentence)].strip(".,;:!?»\"')")
            if not surface.isascii() and "\u4e00" <= surface[0] <= "\u9fff":
                surface = match.group(1)
            mention = found.get(key)
            if mention is None:
                found[key] = EntityMention(key, role, "organisation", [surface], 1, index)
            else:
                mention.count += 1
                if surface not in mention.forms and len(mention.forms) < 5:
                    mention.forms.append(surface)
    return list(found.values())
