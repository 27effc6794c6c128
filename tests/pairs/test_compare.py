"""End-to-end judgement on the project's own example articles (slow: loads the encoder)."""

from pathlib import Path

import pytest

import samestory
from samestory.articles import read_articles

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def articles():
    return {a.id: a for a in read_articles([EXAMPLES / "articles.jsonl"])}


def test_same_story_across_languages(articles) -> None:
    result = samestory.compare(articles["reserve-bank-rate-hike-en"], articles["reserve-bank-rate-hike-de"])
    assert result.label == "same_story"
    assert result.scores.overall <= 1.5
    shared_numbers = {item.key for item in result.evidence.numbers.shared}
    assert "4.75 %" in shared_numbers
    assert any(item.key == "2025-03-17" for item in result.evidence.dates.shared)
    assert result.evidence.aligned_claims, "cross-lingual claim alignment must find counterparts"


def test_sibling_story_scores_below_the_same_story(articles) -> None:
    same = samestory.compare(articles["reserve-bank-rate-hike-en"], articles["reserve-bank-rate-hike-de"])
    sibling = samestory.compare(articles["reserve-bank-rate-hike-en"], articles["reserve-bank-mortgage-rules-en"])
    assert sibling.similarity < same.similarity
    assert sibling.scores.time > same.scores.time


def test_dimensions_come_from_their_own_evidence(articles) -> None:
    result = samestory.compare(articles["reserve-bank-rate-hike-en"], articles["reserve-bank-rate-hike-fr"])
    values = {getattr(result.scores, n) for n in ("geography", "entities", "time", "narrative", "style", "tone")}
    assert len(values) > 2
    assert all(1.0 <= v <= 4.0 for v in values)


def test_unrelated_texts_are_different() -> None:
    a = "Heavy rain flooded the old town of Passau on Tuesday, and firefighters evacuated 300 residents."
    b = "The chess federation announced a new junior tournament in Montevideo for the spring season."
    result = samestory.compare(a, b)
    assert result.label == "different"
    assert result.scores.overall > 3.0
    json_ready = result.to_dict()
    assert set(json_ready["scores"]) == {"overall", "geography", "entities", "time", "narrative", "style", "tone"}


def test_undated_reports_show_their_time_references_meeting() -> None:
    """As in the seed pair: "a truce from Monday" and "die Waffenruhe soll diese Woche beginnen" are one start."""
    a = (
        "Valdora port strike: authority offers truce\n"
        "The port authority of Valdora on Saturday proposed a truce between the dockworkers' union and the "
        "terminal operators. The plan includes a truce from Monday and talks on wages within a month."
    )
    b = (
        "Hafenstreik in Valdora: Behörde bietet Waffenruhe an\n"
        "Am Wochenende hat die Hafenbehörde von Valdora eine Waffenruhe zwischen der Hafenarbeitergewerkschaft "
        "und den Terminalbetreibern vorgeschlagen. Die Waffenruhe soll diese Woche beginnen, Lohnverhandlungen "
        "sollen innerhalb eines Monats folgen."
    )
    result = samestory.compare(a, b)
    pairs = {(t.text_a, t.text_b) for t in result.evidence.agreeing_times}
    assert ("truce from Monday", "soll diese Woche") in pairs
    assert result.to_dict()["evidence"]["agreeing_times"]
