"""The result of comparing two articles: similarity, label, SemEval scores and the evidence behind them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from samestory.articles.semeval import DIMENSIONS

Label = Literal["same_story", "related", "different"]
__all__ = ["DIMENSIONS", "Comparison", "Label"]


@dataclass(frozen=True, slots=True)
class SideSummary:
    id: str
    title: str | None
    lang: str
    published: str | None
    outlet: str | None
    url: str | None


@dataclass(frozen=True, slots=True)
class SharedItem:
    """Something both articles report, with how each one wrote it."""

    key: str
    name: str
    kind: str
    a_forms: list[str]
    b_forms: list[str]


@dataclass(frozen=True, slots=True)
class OneSidedItem:
    key: str
    name: str
    kind: str
    forms: list[str]


@dataclass(frozen=True, slots=True)
class Overlap:
    shared: list[SharedItem] = field(default_factory=list)
    only_a: list[OneSidedItem] = field(default_factory=list)
    only_b: list[OneSidedItem] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class AlignedClaim:
    """Sentences of A and of B that report one fact (many-to-many), and the shared names, places, numbers
    and dates that anchor the link."""

    a_indices: list[int]
    b_indices: list[int]
    a_texts: list[str]
    b_texts: list[str]
    score: float
    anchors: list[str]


@dataclass(frozen=True, slots=True)
class LoneSentence:
    index: int
    text: str
    best_score: float


@dataclass(frozen=True, slots=True)
class AgreeingTimes:
    """Undated time references of A and B that can name the same days, in sentences on one subject."""

    text_a: str
    text_b: str
    sentence_a: str
    sentence_b: str
    sentence_score: float


@dataclass(frozen=True, slots=True)
class Evidence:
    entities: Overlap
    places: Overlap
    dates: Overlap
    numbers: Overlap
    aligned_claims: list[AlignedClaim]
    only_a_sentences: list[LoneSentence]
    """Sentences of A that nothing in B says, by meaning or by anchors."""
    only_b_sentences: list[LoneSentence]
    time_expressions_a: list[str] = field(default_factory=list)
    time_expressions_b: list[str] = field(default_factory=list)
    agreeing_times: list[AgreeingTimes] = field(default_factory=list)
    """For undated articles: A's and B's time references that can mean the same days."""


@dataclass(frozen=True, slots=True)
class Scores:
    """SemEval-2022 Task 8 scale: 1 = very similar … 4 = very dissimilar."""

    overall: float
    geography: float
    entities: float
    time: float
    narrative: float
    style: float
    tone: float


@dataclass(frozen=True, slots=True)
class Comparison:
    """``similarity``: the calibrated probability that both report the same happening; ``related``: that they
    share actors or topic (this happening or a sibling one)."""

    a: SideSummary
    b: SideSummary
    similarity: float
    related: float
    label: Label
    scores: Scores
    evidence: Evidence
    a_sentences: list[str]
    b_sentences: list[str]
    features: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape shared by ``compare --json``, ``POST /compare`` and the web page."""
        record = asdict(self)
        record["scores"] = {k: round(v, 3) for k, v in record["scores"].items()}
        record["similarity"] = round(self.similarity, 4)
        record["related"] = round(self.related, 4)
        return record
