"""``samestory similar``: the stored coverage of an article's story, nearest first by the pair scorer."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from samestory.documents.model import Document
from samestory.pairs.comparison import Label
from samestory.stories.engine import EngineConfig
from samestory.stories.similarity import PairSimilarity
from samestory.stories.store import StoredPlacement, StoryStore
from samestory.stories.summary import ArticleRef, headline

OVERSAMPLE = 4
"""Vector neighbours fetched per wanted result: the scorer re-ranks them with names, dates and numbers."""
MIN_CANDIDATES = 50


@dataclass(frozen=True, slots=True)
class SimilarArticle(ArticleRef):
    """A stored article in the coverage of a query, with the scores that ranked it."""

    topic: int
    similarity: float
    cosine: float
    label: Label

    def to_dict(self) -> dict[str, Any]:
        record = asdict(self)
        record["similarity"] = round(self.similarity, 4)
        record["cosine"] = round(self.cosine, 4)
        return record


RELATED = 0.3
"""Score above which a pair is "related" when the scorer does not say (the pair-scorer contract's ~0.3)."""


def label_for(score: float, config: EngineConfig, related: float = RELATED) -> Label:
    """ "same_story" exactly when the engine would join the article's story; "related" by the scorer's band."""
    if score >= config.join_threshold:
        return "same_story"
    return "related" if score >= related else "different"


def related_threshold(scorer: PairSimilarity) -> float:
    """The scorer's own "related" threshold when it has one (the trained scorer does), else ``RELATED``."""
    thresholds = getattr(scorer, "thresholds", None)
    return float(getattr(thresholds, "related", RELATED))


def similar_articles(
    store: StoryStore,
    scorer: PairSimilarity,
    config: EngineConfig,
    document: Document,
    k: int = 10,
    exclude: int | None = None,
) -> list[SimilarArticle]:
    """The ``k`` stored articles most similar to ``document``, re-ranked by the pair scorer."""
    neighbours = store.vectors.search(document.head_vector, max(k * OVERSAMPLE, MIN_CANDIDATES))  # type: ignore[arg-type]
    keys = [int(key) for key in neighbours.keys if int(key) != exclude]
    if not keys:
        return []
    cosines = dict(zip(neighbours.keys.tolist(), neighbours.similarities.tolist(), strict=True))
    documents = store.documents(keys)
    placements = store.placements(keys)
    keys = [key for key in keys if key in documents and key in placements]
    scores = np.asarray(scorer.similarities(document, [documents[key] for key in keys]), dtype=np.float64)
    order = np.lexsort((np.arange(len(keys)), -scores))[:k]
    related = related_threshold(scorer)
    return [
        _result(
            documents[keys[i]],
            placements[keys[i]],
            float(scores[i]),
            cosines[keys[i]],
            label_for(scores[i], config, related),
        )
        for i in order
    ]


def _result(
    document: Document, placement: StoredPlacement, score: float, cosine: float, label: Label
) -> SimilarArticle:
    article = document.article
    return SimilarArticle(
        id=article.id,
        title=article.title or headline(article.text),
        lang=document.lang,
        outlet=article.outlet,
        published=article.published.iso() if article.published else None,
        url=article.url,
        story=placement.story,
        topic=placement.topic,
        similarity=score,
        cosine=float(cosine),
        label=label,
    )
