"""What the tests of the scorer modes (``--fast``, ``--precise``) share: the CLI runner, JSON lines, a labelled
corpus of sibling stories, and the shipped scorer files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner, Result

from samestory.cli import app
from samestory.pairs.scoring import ScorerMode, shipped_scorer_path
from samestory.stories.synthetic import sibling_topic


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def lines(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def write_two_sibling_topics(folder: Path, seed: int) -> Path:
    """Two topics of two sibling stories each (a strike, a flood), labelled with event and topic, as JSONL."""
    articles = sibling_topic("strike", seed=seed) + sibling_topic("flood", seed=seed + 1, start=dt.date(2023, 6, 1))
    path = folder / "news.jsonl"
    path.write_text("".join(json.dumps(dict(a.record(), event=a.story, topic=a.topic)) + "\n" for a in articles))
    return path


def shipped(mode: ScorerMode) -> str:
    return str(shipped_scorer_path(mode))
