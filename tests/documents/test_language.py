"""Language identification over the 13 promised languages, and honest 'und' for anything else."""

from __future__ import annotations

import pytest

from samestory.documents.language import (
    SUPPORTED_LANGUAGES,
    UNDETERMINED,
    detect_language,
    normalise_language_code,
)

# One everyday sentence per language, written for these tests: a council approving a budget.
SAMPLES = {
    "en": "The city council approved the new budget for schools and hospitals on Tuesday evening.",
    "de": "Der Stadtrat hat am Dienstagabend den neuen Haushalt für Schulen und Krankenhäuser beschlossen.",
    "fr": "Le conseil municipal a approuvé mardi soir le nouveau budget pour les écoles et les hôpitaux.",
    "es": "El ayuntamiento aprobó el martes por la noche el nuevo presupuesto para escuelas y hospitales.",
    "it": "Il consiglio comunale ha approvato martedì sera il nuovo bilancio per le scuole e gli ospedali.",
    "pt": "A câmara municipal aprovou na terça-feira à noite o novo orçamento para escolas e hospitais.",
    "nl": "De gemeenteraad heeft dinsdagavond de nieuwe begroting voor scholen en ziekenhuizen goedgekeurd.",
    "pl": "Rada miasta zatwierdziła we wtorek wieczorem nowy budżet na szkoły i szpitale.",
    "ru": "Городской совет во вторник вечером утвердил новый бюджет для школ и больниц.",
    "uk": "Міська рада у вівторок увечері затвердила новий бюджет для шкіл і лікарень.",
    "tr": "Belediye meclisi salı akşamı okullar ve hastaneler için yeni bütçeyi onayladı.",
    "ar": "وافق مجلس المدينة مساء الثلاثاء على الميزانية الجديدة للمدارس والمستشفيات.",
    "zh": "市议会周二晚上批准了学校和医院的新预算。",
}


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_each_promised_language_is_identified(lang: str) -> None:
    guess = detect_language(SAMPLES[lang])
    assert guess.lang == lang
    assert guess.confidence > 0.5


def test_all_promised_languages_are_supported() -> None:
    assert set(SAMPLES) <= set(SUPPORTED_LANGUAGES)


@pytest.mark.parametrize("lang", ["en", "de", "ru"])
def test_long_text_uses_the_accurate_mode_and_stays_right(lang: str) -> None:
    assert detect_language(" ".join([SAMPLES[lang]] * 5)).lang == lang


@pytest.mark.parametrize(
    "text",
    [
        "नगर परिषद ने मंगलवार शाम को स्कूलों और अस्पतालों के लिए नया बजट मंजूर किया।",
        "สภาเมืองอนุมัติงบประมาณใหม่สำหรับโรงเรียนและโรงพยาบาลเมื่อเย็นวันอังคาร",
    ],
)
def test_unsupported_scripts_are_undetermined_not_forced(text: str) -> None:
    assert detect_language(text).lang == UNDETERMINED


def test_text_without_letters_is_undetermined() -> None:
    guess = detect_language("12 345 — 67,8 %")
    assert (guess.lang, guess.confidence) == (UNDETERMINED, 0.0)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "en"),
        ("EN", "en"),
        ("zh-CN", "zh"),
        ("pt_BR", "pt"),
        (" de ", "de"),
        ("fil", "fil"),
        (None, None),
        ("", None),
        ("english", None),
        ("1", None),
    ],
)
def test_normalise_language_code(code: str | None, expected: str | None) -> None:
    assert normalise_language_code(code) == expected
