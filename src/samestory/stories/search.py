"""``samestory similar``: the stored coverage of an article's story, nearest first by the pair scorer."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from samestory.documents.model import Document
from samestory.pairs.comparison import Label
from samestory.stories.engine import EngineConfig, story_window
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


def similar_articles(
    store: StoryStore,
    scorer: PairSimilarity,
    document: Document,
    k: int = 10,
    exclude: int | None = None,
) -> list[SimilarArticle]:
    """The ``k`` stored articles most similar to ``document``, re-ranked by the pair scorer.

    Candidates are ranked by the same-story probability alone (two of the scorer's ten models); only the ``k``
    shown are judged in full, for their labels."""
    keys = [key for key in _candidates(store, document, max(k * OVERSAMPLE, MIN_CANDIDATES)) if key != exclude]
    if not keys:
        return []
    documents = store.documents(keys, remember=False)  # one-off reads: see StoryStore.documents
    placements = store.placements(keys)
    keys = [key for key in keys if key in documents and key in placements]
    best, judged = scorer.judge_best(document, [documents[key] for key in keys], k)
    top = [keys[i] for i in best]
    cosines = [float(document.head_vector @ documents[key].head_vector) for key in top]  # type: ignore[operator]
    return [
        _result(documents[key], placements[key], float(judged.similarity[n]), cosines[n], judged.labels[n])
        for n, key in enumerate(top)
    ]


def _candidates(store: StoryStore, document: Document, wanted: int) -> list[int]:
    """The nearest stored articles in the story window (the time blocks placement searches) and among all.

    Both: a syndicated copy can appear months after its original (searched only in the window, the same-story
    recall of ``benchmarks/stories_scale.py`` fell from 0.990 to 0.982 at 20,000 articles), and the graph over
    all articles alone loses the story-mates of a large store (at a million synthetic articles it showed 0.16
    of them; with the window, 0.95: docs/stories.md)."""
    vector = document.head_vector
    found = [store.vectors.search(vector, wanted)]  # type: ignore[arg-type]
    window = story_window(document, EngineConfig().window_days)
    if window is not None:
        found.insert(0, store.vectors.search(vector, wanted, window))  # type: ignore[arg-type]
    return list(dict.fromkeys(int(key) for neighbours in found for key in neighbours.keys))


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
