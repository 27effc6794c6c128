"""One-off clustering of a collection: the store's own engine, run on an in-memory store.

``samestory cluster`` and ``samestory eval stories`` go through here, so what they measure is exactly
what ``samestory ingest`` does to a persistent store.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from samestory.articles.model import Article
from samestory.documents.encoders import Encoder, get_encoder
from samestory.stories.engine import EngineConfig, StoryEngine
from samestory.stories.ingest import Ingestor
from samestory.stories.similarity import PairSimilarity, load_story_scorer
from samestory.stories.store import StoryStore


@dataclass(frozen=True, slots=True)
class Assignment:
    article: Article
    story: int
    topic: int
    head_vector: np.ndarray


def date_order(articles: Sequence[Article]) -> list[Article]:
    """Publication-date order; undated articles last, in their input order."""
    indexed = list(enumerate(articles))
    indexed.sort(
        key=lambda pair: (pair[1].published is None, pair[1].published.ordinal if pair[1].published else 0, pair[0])
    )
    return [article for _, article in indexed]


def cluster_articles(
    articles: Sequence[Article],
    scorer: Path | None = None,
    encoder: Encoder | None = None,
    config: EngineConfig | None = None,
    on_article: Callable[[], object] | None = None,
    loaded: PairSimilarity | None = None,
    on_failure: Callable[[Article, str], object] | None = None,
) -> list[Assignment]:
    """Stories and topics of ``articles`` (in their input order), fed to the engine in date order.

    ``loaded`` is a scorer the caller already loaded, which ``scorer`` (a parameters file) then does not name.
    An article whose analysis raised gets no assignment; ``on_failure`` is told which, and why.
    """
    similarity = loaded or load_story_scorer(scorer)[1]
    encoder = encoder or get_encoder(similarity.encoder)
    store = StoryStore.open(None, encoder=encoder.name, dim=encoder.dim)
    engine = StoryEngine(store, similarity, config or EngineConfig())
    keys: dict[int, int] = {}
    for outcome in Ingestor(engine, encoder).run(date_order(articles)):
        if outcome.status == "failed":
            if on_failure is not None:
                on_failure(outcome.article, outcome.reason or "failed")
        else:
            keys[id(outcome.article)] = outcome.key  # type: ignore[assignment]
        if on_article is not None:
            on_article()
    placed = [a for a in articles if id(a) in keys]
    placements = store.placements(keys.values())
    order = [keys[id(a)] for a in placed]
    vectors = store.head_vectors(np.array(order, dtype=np.int64))
    store.close()
    return [
        Assignment(a, placements[key].story, placements[key].topic, vector)
        for a, key, vector in zip(placed, order, vectors, strict=True)
    ]
