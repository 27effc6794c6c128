"""Hand-made Documents (no encoder needed) and a cosine stub scorer for engine and store tests."""

from __future__ import annotations

import datetime as dt

import numpy as np

from samestory.articles.model import Article, PublishedDate
from samestory.documents.encoders import round_trip_vector
from samestory.documents.model import DateMention, Document, EntityMention, PlaceMention, Quantity
from samestory.documents.terms import term_vector
from samestory.pairs.scoring import Judgements, Thresholds

DIM = 512


def unit(seed: int, near: np.ndarray | None = None, noise: float = 0.3) -> np.ndarray:
    """A unit vector; with ``near``, one at a controlled distance from it."""
    rng = np.random.default_rng(seed)
    vector = rng.standard_normal(DIM).astype(np.float32)
    vector /= np.linalg.norm(vector)
    if near is not None:
        vector = near + noise * vector
        vector /= np.linalg.norm(vector)
    return round_trip_vector(vector)


def make_document(
    article_id: str,
    vector: np.ndarray,
    day: str | None = "2023-03-01",
    text: str | None = None,
    entities: tuple[str, ...] = (),
    places: tuple[str, ...] = (),
    url: str | None = None,
    lang: str = "en",
) -> Document:
    published = PublishedDate(dt.date.fromisoformat(day)) if day else None
    article = Article(
        id=article_id,
        text=text or f"Report {article_id} with its own words.",
        title=f"Title of {article_id}",
        lang=lang,
        published=published,
        url=url,
        outlet="example.org",
    )
    return Document(
        article=article,
        lang=lang,
        lang_confidence=0.99,
        sentences=[article.text],
        entities=[EntityMention(key, key.title(), "person", [key.title()], 2, 0) for key in entities],
        places=[PlaceMention(key, key.split(":")[-1], "PT", [key], 1, 1) for key in places],
        dates=[DateMention(dt.date(2023, 3, 1), "day", "1 March", 0)],
        numbers=[Quantity(12.0, "percent", "12 percent", 0)],
        terms=term_vector(f"{article.title} {article.text}", lang),
        head_vector=vector,
        title_vector=vector,
    )


class CosineSimilarity:
    """Pair judgement = head-vector cosine (related below the join threshold by a fixed margin): makes engine
    decisions easy to predict in tests."""

    encoder = "use"

    def __init__(self, same_story: float = 0.7, related: float = 0.45) -> None:
        self.thresholds = Thresholds(same_story, related)

    def similarity(self, a: Document, b: Document) -> float:
        return float(a.head_vector @ b.head_vector)  # type: ignore[operator]

    def similarities(self, a: Document, others: list[Document]) -> np.ndarray:
        return np.array([self.similarity(a, b) for b in others])

    def judge(self, a: Document, others: list[Document]) -> Judgements:
        similarity = np.array([self.similarity(a, b) for b in others])
        labels = [self.thresholds.label(float(s), float(s)) for s in similarity]
        return Judgements(similarity, similarity, labels, [{} for _ in others])

    def judge_best(self, a: Document, others: list[Document], k: int) -> tuple[list[int], Judgements]:
        best = [int(i) for i in np.lexsort((np.arange(len(others)), -self.similarities(a, others)))[:k]]
        return best, self.judge(a, [others[i] for i in best])
