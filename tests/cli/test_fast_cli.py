"""``--fast``: static vectors and the scorer fitted for them, in ingest, similar, cluster and eval stories;
a store holds one kind of vector and says so when asked to mix.

Runs the real static table (built into the user's cache on first use, about half a minute once).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from samestory.cli import app
from samestory.stories.synthetic import sibling_topic

pytestmark = pytest.mark.slow


def _run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def _lines(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    articles = sibling_topic("strike", seed=31) + sibling_topic("flood", seed=32, start=dt.date(2023, 6, 1))
    path = tmp_path_factory.mktemp("fast") / "news.jsonl"
    path.write_text("".join(json.dumps(dict(a.record(), event=a.story, topic=a.topic)) + "\n" for a in articles))
    return path


@pytest.fixture(scope="module")
def fast_store(corpus: Path) -> Path:
    db = corpus.parent / "fast.db"
    result = _run("ingest", "--fast", "--db", str(db), str(corpus))
    assert result.exit_code == 0, result.output
    return db


def test_a_fast_store_is_read_with_the_fast_scorer_without_asking_again(fast_store: Path, corpus: Path) -> None:
    first = json.loads(corpus.read_text().splitlines()[0])
    found = _lines(_run("similar", "--db", str(fast_store), first["id"], "--k", "2", "--json").stdout)
    assert len(found) == 2 and found[0]["label"] == "same_story"


def test_a_store_refuses_the_other_kind_of_vector(fast_store: Path, corpus: Path, tmp_path: Path) -> None:
    before = fast_store.read_bytes()
    shipped = _run("ingest", "--db", str(fast_store), "--scorer", _shipped("default.json"), str(corpus))
    assert shipped.exit_code == 1 and "holds vectors of the 'use-static' encoder" in shipped.stderr
    assert fast_store.read_bytes() == before
    full = tmp_path / "full.db"
    assert _run("ingest", "--db", str(full), str(corpus)).exit_code == 0
    mixed = _run("ingest", "--fast", "--db", str(full), str(corpus))
    assert mixed.exit_code == 1 and "holds vectors of the 'use' encoder" in mixed.stderr
    assert "Traceback" not in mixed.output


def test_fast_and_scorer_together_are_a_usage_error(corpus: Path, tmp_path: Path) -> None:
    result = _run("cluster", "--fast", "--scorer", _shipped("default.json"), str(corpus))
    assert result.exit_code == 2 and "--scorer and --fast each choose the scorer" in result.output


def test_fast_clustering_finds_the_stories(corpus: Path) -> None:
    report = _lines(_run("eval", "stories", "--fast", "--no-baseline", "--json", str(corpus)).stdout)[0]
    assert report["scorer"] == "shipped-fast"
    assert report["story"]["f1"] >= 0.9 and report["topic"]["f1"] >= 0.9


def _shipped(name: str) -> str:
    from samestory.pairs.scoring import shipped_scorer_path

    path = shipped_scorer_path("fast" if name == "fast.json" else "default")
    assert path.name == name
    return str(path)
