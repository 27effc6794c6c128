"""Fixtures of the story tests; the helpers they use live in ``fixtures.py``."""

from __future__ import annotations

import pytest

from .fixtures import CosineSimilarity


@pytest.fixture
def cosine() -> CosineSimilarity:
    return CosineSimilarity()
