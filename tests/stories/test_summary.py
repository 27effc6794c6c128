"""What a story is called and when it was seen: the lines a user reads first on the story list."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samestory.articles.model import PublishedDate
from samestory.stories import neardup
from samestory.stories.engine import EngineConfig, StoryEngine
from samestory.stories.store import StoryStore
from samestory.stories.summary import HEADLINE_CHARS, headline, summarise

from .fixtures import CosineSimilarity, make_document, unit


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("(MENAFN) After five years of talks, a deal", "After five years of talks, a deal"),
        ("TRIPOLI (Reuters) - Forces advanced on the city", "Forces advanced on the city"),
        ("By EUobserver\nLeaders agree on the budget", "Leaders agree on the budget"),
        ("Von Anna Schmidt\nDer Hafen bleibt geschlossen", "Der Hafen bleibt geschlossen"),
        ("By the river, a flood closes the road\nMore", "By the river, a flood closes the road"),
        ("The (new) harbour opens", "The (new) harbour opens"),
        ("By EUobserver", "By EUobserver"),
    ],
)
def test_headlines_skip_bylines_and_wire_datelines(text: str, shown: str) -> None:
    assert headline(text) == shown


@given(st.text())
def test_any_text_gives_a_short_headline_or_none(text: str) -> None:
    shown = headline(text)
    assert shown is None or (shown.strip() and len(shown) <= HEADLINE_CHARS + 2)


def _dated(document, published: PublishedDate):  # type: ignore[no-untyped-def]
    return dataclasses.replace(document, article=dataclasses.replace(document.article, published=published))


def test_first_and_last_seen_are_days_when_any_member_has_a_day(cosine: CosineSimilarity) -> None:
    centre = unit(5)
    documents = [
        make_document("early", unit(50, near=centre, noise=0.1), day="2023-03-01"),
        _dated(make_document("vague", unit(51, near=centre, noise=0.1)), PublishedDate(dt.date(2023, 3, 1), "month")),
        make_document("late", unit(52, near=centre, noise=0.1), day="2023-03-04"),
    ]
    store = StoryStore.open(None)
    engine = StoryEngine(store, cosine, EngineConfig(topic_threshold=0.45))
    engine.place_batch(documents, [neardup.signature(d.article.full_text) for d in documents])
    [story] = summarise(store)
    assert (story.size, story.first_seen, story.last_seen) == (3, "2023-03-01", "2023-03-04")


def test_a_name_stored_under_two_keys_is_shown_once(cosine: CosineSimilarity) -> None:
    centre = unit(6)
    documents = [
        make_document("one", unit(60, near=centre, noise=0.1), entities=("emmanuel macron",)),
        make_document("two", unit(61, near=centre, noise=0.1), entities=("Emmanuel macron", "olaf scholz")),
    ]
    store = StoryStore.open(None)
    engine = StoryEngine(store, cosine, EngineConfig(topic_threshold=0.45))
    engine.place_batch(documents, [neardup.signature(d.article.full_text) for d in documents])
    [story] = summarise(store)
    assert story.top_entities == ["Emmanuel Macron", "Olaf Scholz"]
