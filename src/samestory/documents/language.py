"""Language identification with lingua, restricted to the languages samestory analyses.

Restricting the candidate set makes lingua faster and more accurate on short news excerpts, and an
article in another language is reported as such instead of being forced into a wrong one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

SUPPORTED_LANGUAGES: tuple[str, ...] = (
    "en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru", "uk", "tr", "ar", "zh",
    "ro", "hr", "cs", "sv", "da", "el", "ja", "ko", "hu", "fi",
)  # fmt: skip
"""At least the 13 languages the project promises, plus European and Asian neighbours seen in news."""

UNDETERMINED = "und"
_MIN_CONFIDENCE = 0.25
_SAMPLE_CHARS = 2000


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    lang: str
    confidence: float


_SHORT_TEXT_CHARS = 200
"""Below this length lingua's low-accuracy (trigram-only) mode errs; longer texts don't need more."""


@lru_cache(maxsize=2)
def _detector(low_accuracy: bool):  # type: ignore[no-untyped-def]
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in SUPPORTED_LANGUAGES]
    builder = LanguageDetectorBuilder.from_languages(*languages)
    return (builder.with_low_accuracy_mode() if low_accuracy else builder).build()


def detect_language(text: str) -> LanguageGuess:
    """Best supported language for the text and lingua's confidence in it; ``und`` when unsure."""
    sample = text[:_SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < 3:
        return LanguageGuess(UNDETERMINED, 0.0)
    values = _detector(len(sample) >= _SHORT_TEXT_CHARS).compute_language_confidence_values(sample)
    if not values:
        return LanguageGuess(UNDETERMINED, 0.0)
    best = values[0]
    code = best.language.iso_code_639_1.name.lower()
    if best.value < _MIN_CONFIDENCE:
        return LanguageGuess(UNDETERMINED, float(best.value))
    return LanguageGuess(code, float(best.value))


_SUPPORTED_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "ARABIC", "GREEK", "CJK", "HIRAGANA", "KATAKANA", "HANGUL"})


def unsupported_script(text: str) -> str | None:
    """The script most letters of ``text`` are written in, when no supported language uses it ("THAI",
    "ETHIOPIC"): such an article is in a language samestory does not know, not one it failed to identify."""
    import unicodedata
    from collections import Counter

    scripts = Counter(unicodedata.name(ch, "UNKNOWN").split(" ", 1)[0] for ch in text[:_SAMPLE_CHARS] if ch.isalpha())
    if not scripts:
        return None
    script, _ = scripts.most_common(1)[0]
    return None if script in _SUPPORTED_SCRIPTS or script == "UNKNOWN" else script


def normalise_language_code(code: str | None) -> str | None:
    """Map declared codes such as ``zh-CN``, ``EN``, ``pt_BR``, ``deu`` to the two-letter code used inside;
    None for "und" and for what is no ISO 639 language ("xx", "english"), so that the text decides."""
    if not code:
        return None
    primary = code.strip().lower().replace("_", "-").split("-")[0]
    return None if primary == UNDETERMINED else iso_language(primary)


def is_declared_language_valid(code: str | None) -> bool:
    """Whether a declared code names a language (or says it is undetermined): a typo deserves a warning."""
    return not code or not code.strip() or code.strip().lower() == UNDETERMINED or bool(normalise_language_code(code))


@lru_cache(maxsize=1024)
def iso_language(code: str) -> str | None:
    """An ISO 639-1 (two letters) or 639-2/3 (three letters) code as its two-letter form where it has one."""
    if len(code) not in (2, 3) or not code.isascii() or not code.isalpha():
        return None
    import pycountry  # its database loads on first use; most articles declare no language

    found = pycountry.languages.get(**{"alpha_2" if len(code) == 2 else "alpha_3": code})
    if found is None:
        return None
    return str(getattr(found, "alpha_2", None) or code)
