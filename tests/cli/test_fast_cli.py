"""``--fast``: static vectors and the scorer fitted for them, in ingest, similar, cluster and eval stories;
a store holds one kind of vector and says so when asked to mix.

Runs the real static table (built into the user's cache on first use, about half a minute once).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.mode_support import lines, run, shipped, write_two_sibling_topics

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_two_sibling_topics(tmp_path_factory.mktemp("fast"), seed=31)


@pytest.fixture(scope="module")
def fast_store(corpus: Path) -> Path:
    db = corpus.parent / "fast.db"
    result = run("ingest", "--fast", "--db", str(db), str(corpus))
    assert result.exit_code == 0, result.output
    return db


def test_a_fast_store_is_read_with_the_fast_scorer_without_asking_again(fast_store: Path, corpus: Path) -> None:
    first = json.loads(corpus.read_text().splitlines()[0])
    found = lines(run("similar", "--db", str(fast_store), first["id"], "--k", "2", "--json").stdout)
    assert len(found) == 2 and found[0]["label"] == "same_story"


def test_a_store_refuses_the_other_kind_of_vector(fast_store: Path, corpus: Path, tmp_path: Path) -> None:
    before = fast_store.read_bytes()
    refused = run("ingest", "--db", str(fast_store), "--scorer", shipped("default"), str(corpus))
    assert refused.exit_code == 1 and "holds vectors of the 'use-static' encoder" in refused.stderr
    assert fast_store.read_bytes() == before
    full = tmp_path / "full.db"
    assert run("ingest", "--db", str(full), str(corpus)).exit_code == 0
    mixed = run("ingest", "--fast", "--db", str(full), str(corpus))
    assert mixed.exit_code == 1 and "holds vectors of the 'use' encoder" in mixed.stderr
    assert "Traceback" not in mixed.output


def test_fast_and_scorer_together_are_a_usage_error(corpus: Path, tmp_path: Path) -> None:
    result = run("cluster", "--fast", "--scorer", shipped("default"), str(corpus))
    assert result.exit_code == 2 and "--scorer and --fast each choose the scorer" in result.output


def test_fast_clustering_finds_the_stories(corpus: Path) -> None:
    report = lines(run("eval", "stories", "--fast", "--no-baseline", "--json", str(corpus)).stdout)[0]
    assert report["scorer"] == "shipped-fast"
    assert report["story"]["f1"] >= 0.9 and report["topic"]["f1"] >= 0.9
