"""Numbers and quantities: "14-month offensive", "4.34 billion euros", "magnitude 7.8", "25%".

Values are normalised (scale words applied, the language's decimal comma honoured) and units folded
across languages ("Prozent", "pour cent", "%" → ``%``; "euros", "€", "EUR" → ``EUR``), so the same fact
written in two languages gives the same key. Calendar years are left to the date finder.
"""

from __future__ import annotations

import re
from functools import lru_cache

from samestory.documents.model import Quantity
from samestory.documents.tokens import fold_case

_DECIMAL_COMMA_LANGUAGES = frozenset(
    ["de", "fr", "es", "it", "pt", "nl", "pl", "ru", "uk", "tr", "ro", "hr", "cs", "da", "sv", "el", "fi", "hu"]
)
_SCALES: dict[str, float] = {
    "thousand": 1e3, "tausend": 1e3, "mille": 1e3, "mil": 1e3, "тыс": 1e3, "тысяч": 1e3, "bin": 1e3,
    "million": 1e6, "millions": 1e6, "mio": 1e6, "millionen": 1e6, "millón": 1e6, "millones": 1e6,
    "milione": 1e6, "milioni": 1e6, "milhão": 1e6, "milhões": 1e6, "miljoen": 1e6, "mln": 1e6,
    "milion": 1e6, "milionów": 1e6, "млн": 1e6, "миллион": 1e6, "миллиона": 1e6, "миллионов": 1e6,
    "milyon": 1e6, "m": 1e6,
    "billion": 1e9, "billions": 1e9, "milliarde": 1e9, "milliarden": 1e9, "mrd": 1e9, "milliard": 1e9,
    "milliards": 1e9, "mil millones": 1e9, "miliardo": 1e9, "miliardi": 1e9, "bilhão": 1e9, "bilhões": 1e9,
    "miljard": 1e9, "miliard": 1e9, "miliardów": 1e9, "млрд": 1e9, "миллиард": 1e9, "миллиарда": 1e9,
    "миллиардов": 1e9, "milyar": 1e9, "bn": 1e9, "trillion": 1e12, "billionen": 1e12, "трлн": 1e12,
    "万": 1e4, "亿": 1e8,
}  # fmt: skip
_UNITS: dict[str, str] = {
    "%": "%", "percent": "%", "per cent": "%", "prozent": "%", "pour cent": "%", "por ciento": "%",
    "por cento": "%", "per cento": "%", "procent": "%", "процент": "%", "процента": "%", "процентов": "%",
    "yüzde": "%", "процентных пункта": "pp", "percentage points": "pp", "percentage point": "pp",
    "prozentpunkte": "pp", "basis points": "bp", "basispunkte": "bp", "points de base": "bp",
    "puntos básicos": "bp", "baz puan": "bp",
    "€": "EUR", "euro": "EUR", "euros": "EUR", "eur": "EUR", "евро": "EUR",
    "$": "USD", "dollar": "USD", "dollars": "USD", "dólares": "USD", "dollari": "USD", "usd": "USD",
    "доллар": "USD", "долларов": "USD", "доллара": "USD", "dolar": "USD", "美元": "USD",
    "£": "GBP", "pound": "GBP", "pounds": "GBP", "gbp": "GBP", "pfund": "GBP", "livres": "GBP",
    "lira": "TRY", "liras": "TRY", "tl": "TRY", "yuan": "CNY", "元": "CNY", "rubles": "RUB", "рублей": "RUB",
    "people": "people", "persons": "people", "personen": "people", "menschen": "people", "personnes": "people",
    "personas": "people", "persone": "people", "человек": "people", "kişi": "people", "人": "people",
    "dead": "dead", "killed": "dead", "tote": "dead", "morts": "dead", "muertos": "dead", "morti": "dead",
    "погибших": "dead", "ölü": "dead",
    "km": "km", "kilometres": "km", "kilometers": "km", "kilometer": "km", "километров": "km",
    "tons": "t", "tonnes": "t", "tonnen": "t", "toneladas": "t", "тонн": "t", "ton": "t",
    "years": "year", "year": "year", "jahre": "year", "jahren": "year", "ans": "year", "años": "year",
    "anni": "year", "anos": "year", "лет": "year", "года": "year", "yıl": "year", "年": "year",
    "months": "month", "month": "month", "monate": "month", "monaten": "month", "mois": "month",
    "meses": "month", "mesi": "month", "месяцев": "month", "ay": "month", "个月": "month",
    "days": "day", "day": "day", "tage": "day", "tagen": "day", "jours": "day", "días": "day", "giorni": "day",
    "дней": "day", "gün": "day", "天": "day",
    "magnitude": "magnitude", "stärke": "magnitude", "magnitud": "magnitude", "магнитудой": "magnitude",
}  # fmt: skip
_NUMBER = r"\d{1,3}(?:[ ,.\u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_WORD_NUMBERS: dict[str, float] = {
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "hundred": 100, "hundreds": 100,
    "thousands": 1000, "dozens": 12,
}  # fmt: skip
_YEAR_LIKE = re.compile(r"^(?:1[89]|20)\d\d$")
_SCORE = re.compile(r"(?<![\d.,:-])(\d{1,2})\s?[-:–]\s?(\d{1,2})(?![\d.,:-])")
"""Match results and votes ("3-3", "4:2") are the facts that tell a final from a semi-final."""


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    scales = "|".join(sorted((re.escape(s) for s in _SCALES), key=len, reverse=True))
    units = "|".join(sorted((re.escape(u) for u in _UNITS), key=len, reverse=True))
    return re.compile(
        rf"(?P<pre>[$€£]|(?:magnitude|yüzde|%)\s?)?(?P<num>{_NUMBER})(?:-(?=\w))?\s?"
        rf"(?:(?P<scale>{scales})\.?(?![^\W\d_])\s?)?(?P<unit>{units})?(?![^\W\d_])",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _scale_of_form() -> dict[str, float]:
    """Scale words keyed by ``fold_case``, as the lookups of whatever the pattern matched expect."""
    return {fold_case(form): value for form, value in _SCALES.items()}


@lru_cache(maxsize=1)
def _unit_of_form() -> dict[str, str]:
    return {fold_case(form): unit for form, unit in _UNITS.items()}


def find_numbers(
    sentences: list[str], lang: str, taken: dict[int, list[tuple[int, int]]] | None = None
) -> list[Quantity]:
    """Quantities in the sentences; ``taken`` holds spans per sentence already read as dates."""
    quantities: list[Quantity] = []
    taken = taken or {}
    for index, sentence in enumerate(sentences):
        scores = list(_SCORE.finditer(sentence))
        for match in scores:
            high, low = sorted((int(match[1]), int(match[2])), reverse=True)
            quantities.append(Quantity(float(high * 100 + low), "score", match[0], index))
        for match in _pattern().finditer(sentence):
            if any(s.start() <= match.start("num") < s.end() for s in scores):
                continue
            if any(start <= match.start("num") < end for start, end in taken.get(index, ())):
                continue
            number_text = match["num"]
            unit = _unit_of(match)
            if _YEAR_LIKE.match(number_text) and not unit and not match["scale"]:
                continue
            value = _parse_number(number_text, lang)
            if value is None:
                continue
            if match["scale"]:
                value *= _scale_of_form().get(fold_case(match["scale"]), 1.0)
            quantities.append(Quantity(round(value, 6), unit, match[0].strip(), index))
    return quantities


def _unit_of(match: re.Match[str]) -> str:
    for candidate in (match["unit"], match["pre"]):
        if candidate:
            folded = _unit_of_form().get(fold_case(candidate.strip()))
            if folded:
                return folded
    return ""


def _parse_number(text: str, lang: str) -> float | None:
    compact = re.sub(r"[\s\u00a0\u202f]", "", text)
    decimal_comma = lang in _DECIMAL_COMMA_LANGUAGES
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", compact) and not (
        decimal_comma and compact.count(",") == 1 and "." not in compact and len(compact.split(",")[1]) != 3
    ):
        separator = compact[len(compact.rstrip("0123456789")) - 1] if not compact.isdigit() else ""
        if separator and (compact.count(separator) > 1 or not decimal_comma or separator == "."):
            return float(re.sub(r"[.,]", "", compact))
    if decimal_comma:
        compact = compact.replace(".", "").replace(",", ".") if "," in compact else compact
    else:
        compact = compact.replace(",", "")
    try:
        return float(compact)
    except ValueError:
        return None
