"""The six SemEval-2022 Task 8 dimensions, each from its own evidence.

Without dimension labels in our own data, each dimension maps its evidence to the 1–4 scale with a
fixed, documented rule (1 = very similar); `samestory train` on SemEval data replaces the rule by a
fitted linear map. Unknown evidence (no places on one side, no dates) gives the scale's middle, 2.5:
"can't tell" is not "different".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from samestory.documents.model import Document
from samestory.pairs.features import FEATURE_NAMES

UNKNOWN = 2.5
_INDEX = {name: i for i, name in enumerate(FEATURE_NAMES)}
_QUOTE = re.compile(r"[\"“”«»„]")
_LOADED = re.compile(r"[!?]")


def _scale(similarity: float) -> float:
    """Similarity in [0, 1] → SemEval 1 (very similar) … 4 (very dissimilar)."""
    return float(4.0 - 3.0 * np.clip(similarity, 0.0, 1.0))


@dataclass(frozen=True, slots=True)
class DimensionRules:
    """Evidence → similarity rules; ``fitted`` holds linear maps learned from SemEval labels, if any."""

    fitted: dict[str, tuple[np.ndarray, float]]

    def scores(self, features: np.ndarray, a: Document, b: Document, similarity: float) -> dict[str, float]:
        f = {name: float(features[i]) for name, i in _INDEX.items()}
        result = {
            "overall": _scale(similarity),
            "geography": UNKNOWN
            if f["place_missing"]
            else _scale(0.5 * f["place_overlap"] + 0.5 * f["country_overlap"]),
            "entities": UNKNOWN if f["entity_missing"] else _scale(0.8 * f["entity_overlap"] + 0.2 * f["role_overlap"]),
            "time": _time(f),
            "narrative": _scale((0.5 * f["align_top3"] + 0.5 * f["align_mean"] - 0.25) / 0.55),
            "style": _scale(_style_similarity(a, b, f)),
            "tone": _scale(_tone_similarity(a, b)),
        }
        for name, (weights, bias) in self.fitted.items():
            result[name] = float(np.clip(features @ weights + bias, 1.0, 4.0))
        return result


def _time(f: dict[str, float]) -> float:
    if f["date_known"]:
        return _scale(max(f["date_close"], f["mention_day_overlap"], f["date_near"]))
    if f["mention_day_overlap"] or f["mention_year_overlap"]:
        return _scale(max(f["mention_day_overlap"], 0.6 * f["mention_year_overlap"]))
    return UNKNOWN


def _profile(document: Document) -> np.ndarray:
    """Surface style: sentence length, quotation and exclamation density, paragraphing."""
    text = document.article.text
    sentences = max(1, len(document.sentences))
    words = max(1, len(text.split()))
    return np.array([
        min(1.0, words / sentences / 40),
        min(1.0, len(_QUOTE.findall(text)) / sentences),
        min(1.0, len(_LOADED.findall(text)) / sentences),
        min(1.0, text.count("\n") / sentences),
    ])  # fmt: skip


def _style_similarity(a: Document, b: Document, f: dict[str, float]) -> float:
    distance = float(np.abs(_profile(a) - _profile(b)).mean())
    return 0.45 * (1 - distance) + 0.35 * f["length_ratio"] + 0.2 * f["same_language"]


def _tone_similarity(a: Document, b: Document) -> float:
    pa, pb = _profile(a)[1:3], _profile(b)[1:3]
    return float(1.0 - np.abs(pa - pb).mean())
