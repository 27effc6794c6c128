"""Plain text: the first line is the title only when it reads like a headline."""

from __future__ import annotations

import pytest

from samestory.articles.plain import article_from_plain_text
from samestory.errors import InputError

BODY = (
    "The ferry between the two islands resumed service on Tuesday after a week of storms.\n"
    "Operators said the timetable would be back to normal by the weekend."
)


def test_short_first_line_without_full_stop_is_the_title() -> None:
    article = article_from_plain_text(f"Island ferry back in service\n{BODY}", "ferry.txt", "ferry")
    assert article.title == "Island ferry back in service"
    assert article.text == BODY
    assert article.id == "ferry"
    assert article.source == "ferry.txt"


def test_first_line_that_is_a_sentence_is_not_a_title() -> None:
    text = f"The ferry is back.\n{BODY}"
    article = article_from_plain_text(text, "ferry.txt", "ferry")
    assert article.title is None
    assert article.text == text


def test_single_paragraph_has_no_title() -> None:
    article = article_from_plain_text("Island ferry back in service", "one.txt", "one")
    assert article.title is None
    assert article.text == "Island ferry back in service"


def test_overlong_first_line_is_not_a_title() -> None:
    first = "word " * 60
    article = article_from_plain_text(f"{first}\n{BODY * 3}", "long.txt", "long")
    assert article.title is None


def test_title_is_part_of_full_text_once() -> None:
    article = article_from_plain_text(f"Island ferry back in service\n{BODY}", "ferry.txt", "ferry")
    assert article.full_text == f"Island ferry back in service\n{BODY}"


def test_mojibake_is_repaired_in_plain_text() -> None:
    article = article_from_plain_text(f"Ferry â€” back\n{BODY}", "ferry.txt", "ferry")
    assert article.title == "Ferry — back"


def test_text_without_letters_is_refused_with_the_item_named() -> None:
    with pytest.raises(InputError) as caught:
        article_from_plain_text("---\n1234\n", "dashes.txt", "dashes")
    assert caught.value.item == "dashes.txt"
