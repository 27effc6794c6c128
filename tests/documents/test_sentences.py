"""Sentence splitting for Latin, Cyrillic, Arabic and Chinese text without per-language models."""

from __future__ import annotations

from samestory.documents.sentences import MAX_SENTENCE_CHARS, split_sentences


def test_latin_sentences_split_at_final_punctuation() -> None:
    text = "The vote passed. Was it close? Nobody knew! Counting ends today."
    assert split_sentences(text) == ["The vote passed.", "Was it close?", "Nobody knew!", "Counting ends today."]


def test_abbreviations_initials_and_decimals_do_not_end_a_sentence() -> None:
    text = "Dr. Ana Ruiz of the U.S. office met J. K. Berg at 4.75 p.m. on site. Rates rose 0.25 points."
    assert split_sentences(text) == [
        "Dr. Ana Ruiz of the U.S. office met J. K. Berg at 4.75 p.m. on site.",
        "Rates rose 0.25 points.",
    ]


def test_lower_case_continuation_is_not_a_new_sentence() -> None:
    assert split_sentences("It cost approx. three million. Then it fell.") == [
        "It cost approx. three million.",
        "Then it fell.",
    ]


def test_quotes_after_the_full_stop_stay_with_their_sentence() -> None:
    text = 'She said: "We will act." The board agreed.'
    assert split_sentences(text) == ['She said: "We will act."', "The board agreed."]


def test_closing_guillemets_and_brackets_are_kept() -> None:
    assert split_sentences("Er sagte: «Wir handeln.» (Siehe oben.) Der Rat stimmte zu.") == [
        "Er sagte: «Wir handeln.»",
        "(Siehe oben.)",
        "Der Rat stimmte zu.",
    ]


def test_german_day_ordinal_before_a_month_is_not_a_boundary() -> None:
    text = "Der Zins gilt ab dem 17. März 2025. Die nächste Sitzung ist am 28. Mai."
    assert split_sentences(text) == ["Der Zins gilt ab dem 17. März 2025.", "Die nächste Sitzung ist am 28. Mai."]


def test_number_ending_a_sentence_still_splits() -> None:
    assert split_sentences("Das Team wurde Dritter mit Platz 12. Danach kam nichts.") == [
        "Das Team wurde Dritter mit Platz 12.",
        "Danach kam nichts.",
    ]


def test_cyrillic_sentences() -> None:
    text = "Совет утвердил бюджет. Депутаты спорили три часа! Решение вступит в силу в мае."
    assert split_sentences(text) == [
        "Совет утвердил бюджет.",
        "Депутаты спорили три часа!",
        "Решение вступит в силу в мае.",
    ]


def test_arabic_question_mark_and_full_stop() -> None:
    text = "وافق المجلس على الميزانية. هل كان القرار صائبا؟ قال الوزير إنه كذلك."
    assert split_sentences(text) == ["وافق المجلس على الميزانية.", "هل كان القرار صائبا؟", "قال الوزير إنه كذلك."]


def test_chinese_marks_need_no_space() -> None:
    assert split_sentences("市议会批准了预算。市长表示欢迎！记者问：何时生效？") == [
        "市议会批准了预算。",
        "市长表示欢迎！",
        "记者问：何时生效？",
    ]


def test_chinese_closing_quote_stays_with_its_sentence() -> None:
    assert split_sentences("他说：“我们会行动。”市长表示欢迎。") == ["他说：“我们会行动。”", "市长表示欢迎。"]


def test_paragraph_breaks_end_sentences_and_blank_lines_vanish() -> None:
    assert split_sentences("Headline without stop\n\n  First line.\nSecond line") == [
        "Headline without stop",
        "First line.",
        "Second line",
    ]


def test_overlong_runs_are_cut_at_word_boundaries() -> None:
    text = " ".join(["word"] * 600)
    pieces = split_sentences(text)
    assert len(pieces) > 1
    assert all(len(p) <= MAX_SENTENCE_CHARS for p in pieces)
    assert " ".join(pieces) == text
