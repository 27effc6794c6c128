"""Dates that the text mentions, resolved against the publication date.

"On Saturday", "gestern", "6 June", "June 2020", "2020-06-08" and a bare year are turned into dates
with a precision. Relative expressions need the publication date; without one they are skipped rather
than guessed. Explicit forms are matched by patterns with month names in the supported languages, which
is an order of magnitude faster than running a general date parser over every token.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from samestory.articles.model import PublishedDate
from samestory.documents.model import DateMention, TimeReference
from samestory.documents.tokens import fold_case

MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "januar", "jänner", "janvier", "enero", "gennaio", "janeiro", "januari", "stycznia",
        "styczeń", "января", "январь", "січня", "ocak", "ianuarie", "siječnja", "siječanj", "gen"),
    2: ("february", "feb", "februar", "février", "febrero", "febbraio", "fevereiro", "februari", "lutego",
        "luty", "февраля", "февраль", "лютого", "şubat", "februarie", "veljače", "veljača"),
    3: ("march", "mar", "märz", "mars", "marzo", "março", "maart", "marca", "marzec", "марта", "март",
        "березня", "mart", "martie", "ožujka", "ožujak"),
    4: ("april", "apr", "avril", "abril", "aprile", "kwietnia", "kwiecień", "апреля", "апрель", "квітня",
        "nisan", "aprilie", "travnja", "travanj"),
    5: ("may", "mai", "mayo", "maggio", "maio", "mei", "maja", "maj", "мая", "май", "травня", "mayıs",
        "svibnja", "svibanj", "mag"),
    6: ("june", "jun", "juni", "juin", "junio", "giugno", "junho", "czerwca", "czerwiec", "июня", "июнь",
        "червня", "haziran", "iunie", "lipnja", "lipanj", "giu"),
    7: ("july", "jul", "juli", "juillet", "julio", "luglio", "julho", "lipca", "lipiec", "июля", "июль",
        "липня", "temmuz", "iulie", "srpnja", "srpanj", "lug"),
    8: ("august", "aug", "août", "agosto", "augustus", "sierpnia", "sierpień", "августа", "август", "серпня",
        "ağustos", "kolovoza", "kolovoz"),
    9: ("september", "sep", "sept", "septembre", "septiembre", "settembre", "setembro", "września",
        "wrzesień", "сентября", "сентябрь", "вересня", "eylül", "septembrie", "rujna", "rujan"),
    10: ("october", "oct", "oktober", "octobre", "octubre", "ottobre", "outubro", "października",
         "październik", "октября", "октябрь", "жовтня", "ekim", "octombrie", "listopada", "listopad", "ott"),
    11: ("november", "nov", "novembre", "noviembre", "novembro", "listopada", "ноября", "ноябрь",
         "листопада", "kasım", "noiembrie", "studenoga", "studeni"),
    12: ("december", "dec", "dezember", "décembre", "diciembre", "dicembre", "dezembro", "grudnia",
         "grudzień", "декабря", "декабрь", "грудня", "aralık", "decembrie", "prosinca", "prosinac", "dic"),
}  # fmt: skip
"""Full names and the abbreviations of datelines ("Sept.", Italian agencies' "21 LUG")."""
WEEKDAY_NAMES: dict[int, tuple[str, ...]] = {
    0: ("monday", "montag", "lundi", "lunes", "lunedì", "segunda-feira", "maandag", "poniedziałek",
        "понедельник", "pazartesi", "luni", "ponedjeljak"),
    1: ("tuesday", "dienstag", "mardi", "martes", "martedì", "terça-feira", "dinsdag", "wtorek", "вторник",
        "salı", "marți", "utorak"),
    2: ("wednesday", "mittwoch", "mercredi", "miércoles", "mercoledì", "quarta-feira", "woensdag", "środa",
        "среду", "среда", "çarşamba", "miercuri", "srijeda"),
    3: ("thursday", "donnerstag", "jeudi", "jueves", "giovedì", "quinta-feira", "donderdag", "czwartek",
        "четверг", "perşembe", "joi", "četvrtak"),
    4: ("friday", "freitag", "vendredi", "viernes", "venerdì", "sexta-feira", "vrijdag", "piątek", "пятницу",
        "пятница", "cuma", "vineri", "petak"),
    5: ("saturday", "samstag", "sonnabend", "samedi", "sábado", "sabato", "zaterdag", "sobota", "субботу",
        "суббота", "cumartesi", "sâmbătă", "subota"),
    6: ("sunday", "sonntag", "dimanche", "domingo", "domenica", "zondag", "niedziela", "воскресенье",
        "pazar", "duminică", "nedjelja"),
}  # fmt: skip
RELATIVE_DAYS: dict[str, int] = {
    "today": 0, "heute": 0, "aujourd'hui": 0, "hoy": 0, "oggi": 0, "hoje": 0, "vandaag": 0, "dzisiaj": 0,
    "сегодня": 0, "bugün": 0, "astăzi": 0, "danas": 0, "今天": 0,
    "yesterday": -1, "gestern": -1, "hier": -1, "ayer": -1, "ieri": -1, "ontem": -1, "gisteren": -1,
    "wczoraj": -1, "вчера": -1, "dün": -1, "jučer": -1, "昨天": -1,
    "tomorrow": 1, "morgen": 1, "demain": 1, "mañana": 1, "domani": 1, "amanhã": 1, "jutro": 1,
    "завтра": 1, "yarın": 1, "mâine": 1, "sutra": 1, "明天": 1,
}  # fmt: skip
_ISO = re.compile(r"(?<!\d)((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?!\d)")
_NUMERIC = re.compile(r"(?<![\d.])(0?[1-9]|[12]\d|3[01])[./](0?[1-9]|1[0-2])[./]((?:19|20)\d\d)(?!\d)")
_DAY_MONTH = re.compile(r"(?<![\d.])(0?[1-9]|[12]\d|3[01])\.(0?[1-9]|1[0-2])\.(?![\d])")
_CJK_DATE = re.compile(r"(?:((?:19|20)\d\d)年)?(1[0-2]|0?[1-9])月([12]\d|3[01]|0?[1-9])[日号]")
_FORWARD = re.compile(
    r"(?:from|starting|beginning|until|next|ab|bis|nächsten|à partir de|dès|jusqu'à|prochain|desde|a partir del?"
    r"|hasta|próximo|dal|fino a|prossimo|до|с|со|od|do|vanaf|tot|itibaren|kadar)\s+(?:on\s+|le\s+|el\s+)?$",
    re.IGNORECASE,
)
_WEEK_WORDS = re.compile(
    r"(?<!\w)(?:this|next|last) week(?:end)?|at the weekend|(?:diese|nächste|letzte)[rn]? Woche(?:nende)?"
    r"|am Wochenende|cette semaine|la semaine (?:prochaine|dernière)|ce week-end"
    r"|esta semana|la semana (?:pasada|próxima)"
    r"|(?:на )?(?:этой|прошлой|следующей) неделе|bu hafta|geçen hafta",
    re.IGNORECASE,
)
_NOT_AFTER_WORD = r"(?<![^\W\u4e00-\u9fff])"
_NOT_BEFORE_WORD = r"(?![^\W\u4e00-\u9fff])"
_NEXT_WORDS = ("next", "nächste", "prochaine", "próxima", "следующей")
_LAST_WORDS = ("last", "letzte", "dernière", "pasada", "прошлой", "geçen")
_YEAR = re.compile(r"(?<![\d.,])((?:19|20)\d\d)(?![\d.,]\d)")


@lru_cache(maxsize=1)
def _month_pattern() -> tuple[re.Pattern[str], dict[str, int]]:
    forms = [name for names in MONTH_NAMES.values() for name in names]
    lookup = {fold_case(name): month for month, names in MONTH_NAMES.items() for name in names}
    names = "|".join(sorted((re.escape(n) for n in forms), key=len, reverse=True))
    pattern = re.compile(
        rf"(?<!\w)(?:(?P<day1>[0-3]?\d)(?:\.|er|st|nd|rd|th)?\s+(?:de\s+)?)?(?P<month>{names})\.?"
        rf"(?:\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?,?)?(?:\s+(?:de\s+)?(?P<year>(?:19|20)\d\d))?(?!\w)",
        re.IGNORECASE,
    )
    return pattern, lookup


@lru_cache(maxsize=1)
def _relative_pattern() -> tuple[re.Pattern[str], dict[str, int]]:
    forms = [name for names in WEEKDAY_NAMES.values() for name in names]
    lookup = {fold_case(name): weekday for weekday, names in WEEKDAY_NAMES.items() for name in names}
    words = sorted([*forms, *RELATIVE_DAYS], key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in words)
    # Chinese writes no spaces: "昨天会议" must match, so CJK characters do not count as word neighbours.
    pattern = re.compile(rf"{_NOT_AFTER_WORD}({alternatives}){_NOT_BEFORE_WORD}", re.IGNORECASE)
    return pattern, lookup


def find_dates(sentences: list[str], published: PublishedDate | None) -> list[DateMention]:
    found: list[DateMention] = []
    for index, sentence in enumerate(sentences):
        taken: list[tuple[int, int]] = []
        for mention, span in _explicit_dates(sentence, published):
            found.append(DateMention(mention[0], mention[1], mention[2], index, span))  # type: ignore[arg-type]
            taken.append(span)
        if published is not None and published.precision == "day":
            for mention, span in _relative_dates(sentence, published.date):
                found.append(DateMention(mention[0], "day", mention[1], index, span))
                taken.append(span)
            for match in _WEEK_WORDS.finditer(sentence):
                week_day = _week_reference(fold_case(match[0]), published.date)
                found.append(DateMention(week_day, "week", match[0], index, match.span()))
        for match in _YEAR.finditer(sentence):
            if not any(start <= match.start() < end for start, end in taken):
                found.append(DateMention(dt.date(int(match[1]), 1, 1), "year", match[0], index, match.span()))
    return found


def _explicit_dates(sentence: str, published: PublishedDate | None):  # type: ignore[no-untyped-def]
    for match in _ISO.finditer(sentence):
        if date := _safe_date(int(match[1]), int(match[2]), int(match[3])):
            yield (date, "day", match[0]), match.span()
    for match in _NUMERIC.finditer(sentence):
        if date := _safe_date(int(match[3]), int(match[2]), int(match[1])):
            yield (date, "day", match[0]), match.span()
    for match in _DAY_MONTH.finditer(sentence):
        year = _infer_year(int(match[2]), published)
        if year and (date := _safe_date(year, int(match[2]), int(match[1]))):
            yield (date, "day", match[0]), match.span()
    for match in _CJK_DATE.finditer(sentence):
        year = int(match[1]) if match[1] else _infer_year(int(match[2]), published)
        if year and (date := _safe_date(year, int(match[2]), int(match[3]))):
            yield (date, "day", match[0]), match.span()
    pattern, months = _month_pattern()
    for match in pattern.finditer(sentence):
        month_word = fold_case(match["month"])
        day_text = match["day1"] or match["day2"]
        if len(month_word) <= 3 and not (day_text or match["year"]):
            continue  # "may", "mar", "jan" alone are words, not dates
        month = months.get(month_word)
        if month is None:
            continue
        year = int(match["year"]) if match["year"] else _infer_year(month, published)
        if year is None:
            continue
        if day_text and (date := _safe_date(year, month, int(day_text))):
            yield (date, "day", match[0].strip()), match.span()
        elif match["year"] and (date := _safe_date(year, month, 1)):
            yield (date, "month", match[0].strip()), match.span()


def _relative_dates(sentence: str, published: dt.date):  # type: ignore[no-untyped-def]
    pattern, weekdays = _relative_pattern()
    for match in pattern.finditer(sentence):
        word = fold_case(match[1])
        offset = _relative_offsets().get(word)
        if offset is not None:
            if word in ("morgen", "hier") and not _is_clearly_relative(sentence, match):
                continue
            yield (published + dt.timedelta(days=offset), match[0]), match.span()
            continue
        weekday = weekdays.get(word)
        if weekday is None:
            continue
        if _FORWARD.search(sentence[max(0, match.start() - 20) : match.start()]):
            ahead = (weekday - published.weekday()) % 7 or 7
            yield (published + dt.timedelta(days=ahead), match[0]), match.span()
        else:
            back = (published.weekday() - weekday) % 7
            yield (published - dt.timedelta(days=back), match[0]), match.span()


@lru_cache(maxsize=1)
def _relative_offsets() -> dict[str, int]:
    return {fold_case(word): offset for word, offset in RELATIVE_DAYS.items()}


def _week_reference(phrase: str, published: dt.date) -> dt.date:
    """A day in the week the phrase means: 'this week', 'next week', 'last week', 'at the weekend'."""
    if any(word in phrase for word in _NEXT_WORDS):
        return published + dt.timedelta(days=7)
    if any(word in phrase for word in _LAST_WORDS):
        return published - dt.timedelta(days=7)
    if "end" in phrase:  # weekend, Wochenende, week-end: the one just past, news reports what happened
        return published - dt.timedelta(days=(published.weekday() - 5) % 7)
    return published


def find_time_expressions(sentences: list[str]) -> list[TimeReference]:
    """Weekday and week references kept as written, for articles without a publication date."""
    pattern, _ = _relative_pattern()
    found: list[TimeReference] = []
    for index, sentence in enumerate(sentences):
        for match in [*pattern.finditer(sentence), *_WEEK_WORDS.finditer(sentence)]:
            found.append(TimeReference(_with_preceding_word(sentence, match), index, match.span()))
    return found


def _with_preceding_word(sentence: str, match: re.Match[str]) -> str:
    """ "from Monday" says more than "Monday": the word before often tells the direction."""
    if not match.start():
        return match[0]
    return sentence[max(0, match.start() - 12) : match.end()].split(" ", 1)[-1].strip()


def resolve_reference(sentence: str, reference: TimeReference, written: dt.date) -> DateMention | None:
    """The date a time reference would mean if its article had been written on ``written``."""
    for mention in find_dates([sentence], PublishedDate(written, "day")):
        if mention.precision in ("day", "week") and mention.span[0] <= reference.span[0] < mention.span[1]:
            return mention
    return None


def _is_clearly_relative(sentence: str, match: re.Match[str]) -> bool:
    """German 'Morgen' is also 'morning', French 'hier' is unambiguous only when lower-case."""
    return match[0][0].islower()


def _infer_year(month: int, published: PublishedDate | None) -> int | None:
    """A date without a year belongs to the year around the publication date (December news in January)."""
    if published is None:
        return None
    year = published.date.year
    if month - published.date.month > 6:
        return year - 1
    if published.date.month - month > 6:
        return year + 1
    return year


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
