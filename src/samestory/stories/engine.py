"""Online story clustering: each new article joins the best existing story or starts its own.

Work per article is bounded whatever the store's size: the vector index gives the ``neighbours``
nearest stored articles, those outside the time window around the article's date are dropped, and the
pair scorer compares the article with at most ``members_per_story`` members of each of at most
``max_stories`` candidate stories. A story's score is the mean of its best member scores (average link
over the members that matter), so one look-alike paragraph does not pull an article into a story.

Topics (an event and its sibling happenings) are the level above: stories whose articles are, on
average, similar in content, whenever they happened — a fire and the rebuilding five years later are
one topic, two stories. Each topic keeps the sum of its articles' head vectors, so the average link
between two topics (mean cosine over all their article pairs) is one dot product; an article's topic
merges with the topics of its nearest neighbours while that average passes the (looser) topic
threshold. The time-aware pair scorer decides stories; topics deliberately ignore time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from samestory.documents.model import Document
from samestory.index.timeline import DayRange
from samestory.stories.similarity import PairSimilarity
from samestory.stories.store import StoredPlacement, StoryStore

UNDATED = float("inf")
DEEPER_SEARCH = 4
"""When none of the nearest articles is in the time window, the search is repeated this many times deeper."""


@dataclass(frozen=True, slots=True)
class EngineConfig:
    """Clustering parameters. Whether an article joins a story is the pair judgement's own same-story
    threshold (one calibration for every entry point); topics link by head-vector cosine."""

    topic_threshold: float = 0.50
    window_days: float = 30.0
    neighbours: int = 64
    members_per_story: int = 5
    max_stories: int = 12
    min_cosine: float = 0.3
    """Head-vector cosine below which a stored article is not worth scoring: unrelated news averages ~0.2
    (± 0.1) with USE, and the pair scorer is the costly step."""
    topic_candidates: int = 16
    """Topics of the nearest articles considered for a merge, nearest first."""


@dataclass(frozen=True, slots=True)
class Placement:
    """Where one stored article went."""

    key: int
    story: int
    topic: int
    score: float | None
    duplicate_of: int | None = None


@dataclass(frozen=True, slots=True)
class StoryScore:
    story: int
    topic: int
    score: float


class StoryEngine:
    """Places analysed documents (with head vectors) into the stories of a ``StoryStore``."""

    def __init__(self, store: StoryStore, scorer: PairSimilarity, config: EngineConfig) -> None:
        self.store = store
        self.scorer = scorer
        self.config = config

    def place_batch(self, documents: list[Document], signatures: list[np.ndarray]) -> list[Placement]:
        """Store a batch in one transaction, in publication-date order (undated last)."""
        order = sorted(range(len(documents)), key=lambda i: timeline_position(documents[i]))
        placements: dict[int, Placement] = {}
        with self.store.transaction():
            batch = self.store.next_batch_number()
            for i in order:
                placements[i] = self.place(documents[i], signatures[i], batch)
        return [placements[i] for i in range(len(documents))]

    def place(self, document: Document, signature: np.ndarray, batch: int) -> Placement:
        """Store one article in its story (inside the caller's transaction)."""
        original = self.store.near_duplicates.find(signature)
        if original is not None:
            return self._place_copy(document, signature, batch, original)
        scores = self.story_scores(document)
        joined = next((s for s in scores.stories if s.score >= self.scorer.thresholds.same_story), None)
        day = published_day(document)
        if joined is not None:
            story, topic, score = joined.story, joined.topic, joined.score
        else:
            (story, topic), score = self.store.create_story(day), None
        self.store.grow_story(story, day)
        self.store.add_to_topic(topic, document.head_vector)  # type: ignore[arg-type]
        topic = self.link_topics(topic, scores.topics)
        key = self.store.insert_article(document, signature, story, batch, score=score)
        return Placement(key, story, topic, score)

    def _place_copy(self, document: Document, signature: np.ndarray, batch: int, original: int) -> Placement:
        """A near-duplicate joins its original's story; it is left out of topic sums (it would count twice)."""
        where = self.store.placements([original])[original]
        story, topic = where.story, where.topic
        root = where.duplicate_of if where.duplicate_of is not None else original
        self.store.grow_story(story, published_day(document))
        key = self.store.insert_article(document, signature, story, batch, duplicate_of=root, score=1.0)
        return Placement(key, story, topic, 1.0, root)

    def link_topics(self, topic: int, candidates: list[int]) -> int:
        """Merge the article's topic with nearby topics while their average link passes the threshold.

        Average link between two topics is the mean cosine over all their article pairs, which is the dot
        product of their vector sums divided by both sizes: exact, and cheap at any topic size.
        """
        others = [t for t in dict.fromkeys(candidates) if t != topic][: self.config.topic_candidates]
        while others:
            sums = self.store.topic_sums([topic, *others])
            size, total = sums[topic]
            links = {t: float(total @ sums[t][1]) / (size * sums[t][0]) for t in others if t in sums and sums[t][0]}
            best = max(links, key=lambda t: (links[t], -t), default=None)
            if best is None or links[best] < self.config.topic_threshold:
                break
            keep, absorbed = min(topic, best), max(topic, best)
            self.store.merge_topics(keep, absorbed)
            topic = keep
            others = [t for t in others if t not in (keep, absorbed)]
        return topic

    def story_scores(self, document: Document) -> Candidates:
        """Scores of the candidate stories in the time window (best first), and the topics nearby."""
        window = story_window(document, self.config.window_days)
        keys, cosines, placed = self._neighbours(document, self.config.neighbours, window)
        topics = self._nearby_topics(document, keys, placed, window)
        members = self._members_by_story(document, keys, cosines, placed)
        if not members and len(keys) >= self.config.neighbours and window is not None:
            # The nearest articles all lie outside the window (a story that recurs every year): look deeper once.
            keys, cosines, placed = self._neighbours(document, self.config.neighbours * DEEPER_SEARCH, window)
            members = self._members_by_story(document, keys, cosines, placed)
        if not members:
            return Candidates([], topics)
        chosen = [k for story_keys in members.values() for k in story_keys]
        documents = self.store.documents(chosen)
        values = np.asarray(self.scorer.similarities(document, [documents[k] for k in chosen]), dtype=np.float64)
        score_of = dict(zip(chosen, values.tolist(), strict=True))
        scores = [
            StoryScore(story, placed[story_keys[0]].topic, self._mean_best([score_of[k] for k in story_keys]))
            for story, story_keys in members.items()
        ]
        return Candidates(_best_first(scores), topics)

    def _nearby_topics(
        self, document: Document, keys: list[int], placed: dict[int, StoredPlacement], window: DayRange | None
    ) -> list[int]:
        """Topics of the nearest stored articles whenever they were published (topics ignore time): beyond
        the window, a second search over every stored article."""
        if window is not None:
            keys, _, placed = self._neighbours(document, self.config.neighbours, None)
        return list(dict.fromkeys(placed[k].topic for k in keys))

    def _neighbours(
        self, document: Document, k: int, window: DayRange | None
    ) -> tuple[list[int], list[float], dict[int, StoredPlacement]]:
        """The ``k`` nearest stored articles that may lie in ``window``: keys and cosines, nearest first, and
        where they are."""
        found = self.store.vectors.search(document.head_vector, k, window)  # type: ignore[arg-type]
        placed = self.store.placements(int(key) for key in found.keys)
        pairs = [
            (int(key), float(c)) for key, c in zip(found.keys, found.similarities, strict=True) if int(key) in placed
        ]
        return [key for key, _ in pairs], [c for _, c in pairs], placed

    def _members_by_story(
        self, document: Document, keys: list[int], cosines: list[float], placed: dict[int, StoredPlacement]
    ) -> dict[int, list[int]]:
        """Up to ``members_per_story`` nearest members in the time window of the nearest stories.

        Copies are left out (they add nothing their original does not say), and so are articles less
        similar than ``min_cosine``: the pair scorer is the costly step and would only confirm they differ.
        """
        members: dict[int, list[int]] = {}
        for key, cosine in zip(keys, cosines, strict=True):
            where = placed[key]
            if (
                cosine < self.config.min_cosine
                or where.duplicate_of is not None
                or not self._in_window(document, where)
            ):
                continue
            story_keys = members.setdefault(where.story, [])
            if len(story_keys) < self.config.members_per_story:
                story_keys.append(key)
        return dict(list(members.items())[: self.config.max_stories])

    def _mean_best(self, scores: list[float]) -> float:
        """Average link over the best-matching members: robust to one odd member, fair to small stories."""
        return float(np.mean(sorted(scores, reverse=True)[: self.config.members_per_story]))

    def _in_window(self, document: Document, other: StoredPlacement) -> bool:
        """Whether two publication dates (with their precision) can be less than ``window_days`` apart."""
        published = document.article.published
        if published is None or other.day is None:
            return True
        gap = abs(published.ordinal - other.day) - published.uncertainty_days - other.uncertainty_days
        return gap <= self.config.window_days


@dataclass(frozen=True, slots=True)
class Candidates:
    """Scored candidate stories (best first) and the topics of all nearest articles, for topic linking."""

    stories: list[StoryScore]
    topics: list[int]


def _best_first(scores: list[StoryScore]) -> list[StoryScore]:
    return sorted(scores, key=lambda s: (-s.score, s.story))


def story_window(document: Document, window_days: float) -> DayRange | None:
    """The days a story-mate of the article may have been published (None, every day, when it is undated)."""
    published = document.article.published
    if published is None:
        return None
    reach = window_days + published.uncertainty_days
    return DayRange(published.ordinal - reach, published.ordinal + reach)


def published_day(document: Document) -> float | None:
    published = document.article.published
    return published.ordinal if published else None


def timeline_position(document: Document) -> float:
    """Where an article falls on the timeline: its publication day, undated articles after every date."""
    day = published_day(document)
    return UNDATED if day is None else day
