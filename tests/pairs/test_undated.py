"""Undated time references that can mean the same days, as the seed pair's ceasefire start."""

from __future__ import annotations

import numpy as np

from samestory.articles.model import Article
from samestory.documents.analyze import analyse_text
from samestory.documents.model import Document
from samestory.pairs.undated import SAME_SUBJECT, agreeing_times


def _undated(text: str) -> Document:
    return analyse_text(Article(id=text[:10], text=text, lang="en"))


def _pairs(a: Document, b: Document, cosine: float = 0.9) -> list[tuple[str, str]]:
    sims = np.full((len(a.sentences), len(b.sentences)), cosine, dtype=np.float32)
    return [(t.text_a, t.text_b) for t in agreeing_times(a, b, sims)]


def test_a_weekday_lies_in_the_week_the_other_report_names() -> None:
    a = _undated("Egypt proposed a ceasefire from Monday.")
    b = _undated("At the weekend Egypt proposed a ceasefire to begin this week.")
    assert ("from Monday", "to begin this week") in _pairs(a, b)


def test_different_weekdays_and_opposite_weeks_do_not_agree() -> None:
    assert _pairs(_undated("The vote took place on Saturday."), _undated("The vote took place on Tuesday.")) == []
    assert _pairs(_undated("Talks began last week."), _undated("Talks begin next week.")) == []


def test_references_in_unrelated_sentences_are_not_paired() -> None:
    a = _undated("Egypt proposed a ceasefire from Monday.")
    b = _undated("Egypt proposed a ceasefire to begin this week.")
    assert _pairs(a, b, cosine=SAME_SUBJECT - 0.1) == []
