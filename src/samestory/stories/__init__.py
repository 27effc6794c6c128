"""Stage 3 of the data flow: a persistent store that de-duplicates news and groups it into stories.

``StoryStore`` (SQLite + vector index) keeps articles; ``StoryEngine`` places each new article in a
story; ``Ingestor`` drives both from ``read_articles`` output; ``cluster_articles`` does the same for a
one-off collection in memory.
"""

from samestory.stories.engine import EngineConfig, Placement, StoryEngine
from samestory.stories.ingest import Ingestor, IngestSummary, Outcome
from samestory.stories.similarity import PairSimilarity, load_story_scorer
from samestory.stories.store import StoryStore

__all__ = [
    "EngineConfig",
    "IngestSummary",
    "Ingestor",
    "Outcome",
    "PairSimilarity",
    "Placement",
    "StoryEngine",
    "StoryStore",
    "load_story_scorer",
]
