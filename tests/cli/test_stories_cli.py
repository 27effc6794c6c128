"""The story commands end to end: ingest, stories, similar, cluster, eval stories, and crash safety.

Corpora are small synthetic ones (``samestory.stories.synthetic``): the real encoder runs, so each
article costs a few hundredths of a second.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from samestory.cli import app
from samestory.stories.synthetic import SyntheticArticle, generate, sibling_topic

pytestmark = pytest.mark.slow


def _run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(app, list(args), input=stdin)


def _lines(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def _corpus() -> list[SyntheticArticle]:
    """Two topics of two sibling stories each, in date order."""
    articles = sibling_topic("strike", seed=21) + sibling_topic("merger", seed=22, start=dt.date(2023, 3, 15))
    return sorted(articles, key=lambda a: (a.date, a.id))


def _write(path: Path, records: list[dict[str, Any]], extra_lines: tuple[str, ...] = ()) -> Path:
    path.write_text("\n".join([*(json.dumps(r, ensure_ascii=False) for r in records), *extra_lines]) + "\n")
    return path


def _partition(pairs: list[tuple[str, int]]) -> set[frozenset[str]]:
    groups: dict[int, set[str]] = {}
    for article_id, group in pairs:
        groups.setdefault(group, set()).add(article_id)
    return {frozenset(g) for g in groups.values()}


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = _corpus()
    records = [a.record() for a in corpus]
    copy = dict(records[0], id="wire-copy", url="https://wire.example/copy", text="(WIRE) " + records[0]["text"])
    exact = dict(records[1], id="exact-repeat")
    return _write(
        tmp_path_factory.mktemp("corpus") / "news.jsonl",
        [*records, copy, exact],
        extra_lines=("{not json", json.dumps({"id": "empty", "title": "", "text": ""})),
    )


@pytest.fixture(scope="module")
def store(corpus_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "stories.db"
    result = _run("ingest", "--db", str(path), "--json", str(corpus_file))
    assert result.exit_code == 1, result.output  # the two bad lines
    return path


def test_ingest_reports_new_copies_duplicates_and_failures(corpus_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    result = _run("ingest", "--db", str(db), "--json", str(corpus_file))
    summary = _lines(result.stdout)[-1]
    assert result.exit_code == 1
    assert (summary["new"], summary["near_duplicates"], summary["duplicates_skipped"], summary["failed"]) == (
        13,
        1,
        1,
        2,
    )
    assert "news.jsonl:15" in result.stderr and "news.jsonl:16" in result.stderr
    assert "Traceback" not in result.output
    again = _run("ingest", "--db", str(db), "--json", str(corpus_file))
    summary = _lines(again.stdout)[-1]
    assert (summary["new"], summary["already_stored"], summary["duplicates_skipped"]) == (0, 14, 0)
    assert summary["articles_in_store"] == 13


def test_a_different_article_under_a_taken_id_is_refused_and_named(tmp_path: Path) -> None:
    first, second, third = sibling_topic("flood", seed=6)[:3]
    db = tmp_path / "s.db"
    assert _run("ingest", "--db", str(db), str(_write(tmp_path / "a.jsonl", [first.record()]))).exit_code == 0
    clash = [dict(second.record(), id=first.id), dict(third.record(), id="fresh"), dict(third.record(), id="fresh")]
    result = _run("ingest", "--db", str(db), "--json", str(_write(tmp_path / "b.jsonl", clash)))
    assert result.exit_code == 1
    assert f"id '{first.id}' already names another article" in result.stderr and "b.jsonl:1" in result.stderr
    summary = _lines(result.stdout)[-1]
    assert (summary["new"], summary["duplicates_skipped"], summary["articles_in_store"]) == (1, 1, 2)
    stored = _lines(_run("stories", "--db", str(db), "--json").stdout)
    titles = {a["id"]: a["title"] for s in stored for a in s["articles"]}
    assert titles[first.id] == first.title  # the stored article was kept


def test_cluster_prints_each_id_once(tmp_path: Path) -> None:
    first, second = sibling_topic("strike", seed=3)[:2]
    records = [first.record(), first.record(), dict(second.record(), id=first.id)]
    result = _run("cluster", str(_write(tmp_path / "c.jsonl", records)))
    assert [line["id"] for line in _lines(result.stdout)] == [first.id]
    assert result.exit_code == 1 and "c.jsonl:3" in result.stderr and "same article as" in result.stderr


def test_ingest_reads_stdin(tmp_path: Path) -> None:
    record = sibling_topic("flood", seed=5)[0].record()
    result = _run("ingest", "--db", str(tmp_path / "s.db"), "-", stdin=json.dumps(record) + "\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("1 new")


def test_ingest_says_when_a_language_is_not_supported(tmp_path: Path) -> None:
    thai = {"id": "th-1", "text": "รัฐบาลไทยประกาศมาตรการใหม่เพื่อช่วยเหลือเกษตรกรที่ได้รับผลกระทบจากน้ำท่วม " * 3}
    result = _run("ingest", "--db", str(tmp_path / "s.db"), "-", stdin=json.dumps(thai, ensure_ascii=False) + "\n")
    assert result.exit_code == 0, result.output
    assert "warning: <stdin>:1: written in Thai script" in result.stderr


def test_stories_lists_every_article_once_with_its_story(store: Path) -> None:
    result = _run("stories", "--db", str(store), "--json")
    assert result.exit_code == 0, result.output
    stories = _lines(result.stdout)
    ids = [a["id"] for s in stories for a in s["articles"]]
    assert sorted(ids) == sorted({*ids}) and len(ids) == 13
    for story in stories:
        assert {"id", "title", "size", "languages", "outlets", "first_seen", "last_seen", "top_entities",
                "top_places", "articles"} <= story.keys()  # fmt: skip
    copy = next(a for s in stories for a in s["articles"] if a["id"] == "wire-copy")
    assert copy["duplicate_of"] == _corpus()[0].id
    planted = _partition([(a.id, hash(a.story)) for a in _corpus()])
    found = _partition([(a["id"], s["id"]) for s in stories for a in s["articles"] if a["id"] != "wire-copy"])
    assert found == planted


def test_topics_group_sibling_stories(store: Path) -> None:
    topics = _lines(_run("stories", "--db", str(store), "--json", "--level", "topic").stdout)
    assert len(topics) == 2 and all(len(t["stories"]) == 2 for t in topics)


def test_since_and_text_output(store: Path) -> None:
    latest = max(a.date for a in _corpus())
    recent = _lines(_run("stories", "--db", str(store), "--json", "--since", latest).stdout)
    assert recent and all(s["last_seen"] >= latest for s in recent)
    text = _run("stories", "--db", str(store), "--limit", "1")
    assert text.exit_code == 0 and text.stdout.startswith("story ")
    bad = _run("stories", "--db", str(store), "--level", "galaxy")
    assert bad.exit_code == 1 and "--level" in bad.stderr
    relative = _run("stories", "--db", str(store), "--since", "yesterday")
    assert relative.exit_code == 1 and "--since" in relative.stderr
    future = _run("stories", "--db", str(store), "--since", "2999-01-01")
    assert future.exit_code == 0 and future.stdout == "" and "no story" in future.stderr


def test_similar_by_id_and_by_file(store: Path, tmp_path: Path) -> None:
    first = _corpus()[0]
    by_id = _lines(_run("similar", "--db", str(store), first.id, "--k", "3", "--json").stdout)
    assert len(by_id) == 3 and first.id not in {r["id"] for r in by_id}
    assert by_id[0]["label"] == "same_story" and by_id[0]["similarity"] >= by_id[-1]["similarity"]
    query = tmp_path / "query.txt"
    query.write_text(f"{first.title}\n{first.text}\n")
    by_file = _lines(_run("similar", "--db", str(store), str(query), "--k", "2", "--json").stdout)
    assert by_file[0]["id"] in {first.id, "wire-copy"} and by_file[0]["label"] == "same_story"
    unknown = _run("similar", "--db", str(store), "no-such-id")
    assert unknown.exit_code == 1 and "neither a readable file nor the id" in unknown.stderr


def test_cluster_is_the_engine_of_the_store(corpus_file: Path, store: Path) -> None:
    result = _run("cluster", str(corpus_file))
    assert result.exit_code == 1  # the two bad lines, reported
    lines = _lines(result.stdout)
    assert len(lines) == 14 and all(line.keys() == {"id", "story", "topic"} for line in lines)
    by_id = {line["id"]: line for line in lines}
    assert by_id["exact-repeat"]["story"] == by_id[_corpus()[1].id]["story"]
    stored = _lines(_run("stories", "--db", str(store), "--json").stdout)
    in_store = _partition([(a["id"], s["id"]) for s in stored for a in s["articles"]])
    clustered = _partition([(line["id"], line["story"]) for line in lines if line["id"] != "exact-repeat"])
    assert clustered == in_store


def test_eval_stories_scores_engine_and_baseline(tmp_path: Path) -> None:
    labelled = [dict(a.record(), event=a.story) for a in _corpus()]
    path = _write(tmp_path / "labelled.jsonl", labelled)
    result = _run("eval", "stories", str(path), "--json")
    assert result.exit_code == 0, result.output
    report = _lines(result.stdout)[0]
    assert report["story"]["f1"] == 1.0 and report["topic"]["f1"] == 1.0
    assert 0 < report["baseline"]["story"]["f1"] <= 1 and report["articles"] == 12
    text = _run("eval", "stories", str(path), "--no-baseline")
    assert "stories vs event" in text.stdout and "baseline" not in text.stdout


@pytest.mark.parametrize("command", ["ingest", "stories", "similar"])
def test_a_foreign_file_as_store_is_a_clear_error_and_is_not_touched(command: str, tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_bytes(b"my notes, not a database\n" * 40)
    before = db.read_bytes()
    extra = {"ingest": [str(tmp_path / "missing.jsonl")], "stories": [], "similar": ["some-id"]}[command]
    result = _run(command, "--db", str(db), *extra)
    assert result.exit_code == 1
    assert "not a samestory story store" in result.stderr and "Traceback" not in result.output
    assert db.read_bytes() == before


def test_a_scorer_for_other_vectors_is_refused_by_a_store(store: Path, tmp_path: Path) -> None:
    from importlib import resources

    shipped = json.loads(resources.files("samestory.pairs").joinpath("params", "default.json").read_text("utf-8"))
    other = tmp_path / "e5.json"
    other.write_text(json.dumps({**shipped, "encoder": "e5"}))
    before = store.read_bytes()
    for command in (["ingest", "--db", str(store), str(tmp_path / "x.jsonl")], ["similar", "--db", str(store), "x"]):
        result = _run(*command, "--scorer", str(other))
        assert result.exit_code == 1, result.output
        assert "holds vectors of the 'use' encoder" in result.stderr and "fitted for 'e5'" in result.stderr
        assert "Traceback" not in result.output
    assert store.read_bytes() == before


def test_reading_commands_do_not_create_a_store(tmp_path: Path) -> None:
    result = _run("stories", "--db", str(tmp_path / "new.db"))
    assert result.exit_code == 1 and "samestory ingest" in result.stderr
    assert not (tmp_path / "new.db").exists()


def _ingest_command(db: Path, corpus: Path, *engine: str) -> list[str]:
    return [
        sys.executable,
        "-c",
        "from samestory.cli import main; main()",
        "ingest",
        "--db",
        str(db),
        "--batch-size",
        "3",
        "--json",
        *engine,
        str(corpus),
    ]


def _store_view(db: Path) -> tuple[list[str], set[frozenset[str]], set[frozenset[str]]]:
    stories = _lines(_run("stories", "--db", str(db), "--json").stdout)
    topics = _lines(_run("stories", "--db", str(db), "--json", "--level", "topic").stdout)
    ids = sorted(a["id"] for s in stories for a in s["articles"])
    return (
        ids,
        _partition([(a["id"], s["id"]) for s in stories for a in s["articles"]]),
        _partition([(a["id"], t["id"]) for t in topics for a in t["articles"]]),
    )


def _committed(db: Path) -> int:
    """Articles committed so far, read without disturbing the writer (0 while the store is being made)."""
    import sqlite3

    try:
        connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1)
        try:
            return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            connection.close()
    except sqlite3.Error:
        return 0


def _kill_during_work(db: Path, path: Path, rng: random.Random, *engine: str) -> int:
    """Start an ingest, let it commit at least one more batch, SIGKILL it a random moment later; return
    how many articles were committed then."""
    before = _committed(db)
    command = _ingest_command(db, path, *engine)
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 180
    while _committed(db) <= before and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(rng.uniform(0.0, 0.2))
    with contextlib.suppress(ProcessLookupError):  # it may have finished meanwhile
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
    return _committed(db)


@pytest.mark.parametrize("engine", [(), ("--engine", "ray", "--workers", "2")], ids=["local", "ray"])
def test_killed_ingest_resumes_with_every_article_stored_once(tmp_path: Path, engine: tuple[str, ...]) -> None:
    if engine:
        pytest.importorskip("ray")
    corpus = generate(45, seed=8)
    path = _write(tmp_path / "news.jsonl", [a.record() for a in corpus])
    reference = tmp_path / "reference.db"
    assert _run("ingest", "--db", str(reference), "--batch-size", "3", str(path)).exit_code == 0
    db = tmp_path / "killed.db"
    rng = random.Random(4)
    started = time.time()
    committed = [_kill_during_work(db, path, rng, *engine) for _ in range(3)]
    assert 0 < committed[0] < len(corpus)  # the first kill at least interrupted the run
    finished = subprocess.run(_ingest_command(db, path, *engine), capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    assert _lines(finished.stdout)[-1]["articles_in_store"] == len(corpus)
    ids, stories, topics = _store_view(db)
    assert ids == sorted(a.id for a in corpus)
    assert (ids, stories, topics) == _store_view(reference)
    assert _orphans_since(started) == []


def _orphans_since(started: float) -> list[str]:
    """Processes a killed ingest left running without a parent (a local Ray's raylet or GCS server, say)."""
    import psutil

    deadline = time.monotonic() + 30
    while True:
        orphans = []
        for process in psutil.process_iter(["name", "ppid", "create_time", "cmdline"]):
            info = process.info
            command = " ".join(info["cmdline"] or [])
            if info["create_time"] >= started and info["ppid"] == 1 and ("ray" in command or "samestory" in command):
                orphans.append(command[:120])
        if not orphans or time.monotonic() > deadline:
            return orphans
        time.sleep(0.5)


def test_people_merge_split_and_read_the_log(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    records = [a.record() for a in sibling_topic("strike", seed=51)]
    assert _run("ingest", "--db", str(db), str(_write(tmp_path / "in.jsonl", records))).exit_code == 0
    listed = _lines(_run("stories", "--db", str(db), "--json").stdout)
    assert len(listed) == 2 and all(s["absorbed"] == [] and s["last_updated"] for s in listed)
    first, second = sorted(s["id"] for s in listed)
    merged = _run("stories", "merge", str(second), str(first), "--db", str(db), "--by", "desk")
    assert merged.exit_code == 0 and f"merged story {second} into story {first} (by desk at" in merged.stdout
    [story] = _lines(_run("stories", "--db", str(db), "--json").stdout)
    assert story["absorbed"] == [second] and story["size"] == len(records)
    moved = story["articles"][-1]["id"]
    split = _lines(_run("stories", "split", str(second), moved, "--db", str(db), "--json").stdout)[0]
    assert (split["action"], split["story"], split["articles"]) == ("split", first, [moved])
    log = _run("stories", "log", "--db", str(db))
    assert log.stdout.count("desk") == 1 and "split" in log.stdout
    missing = _run("stories", "merge", str(first), "999", "--db", str(db))
    assert missing.exit_code == 1 and "999: is not a story of this store" in missing.stderr
    assert _run("stories").exit_code == 2


def test_prepared_documents_are_written_and_placed_again_without_analysis(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pyarrow")
    corpus = _corpus()
    source = _write(tmp_path / "news.jsonl", [a.record() for a in corpus] + [corpus[0].record()])
    prepared = tmp_path / "prepared.parquet"
    first = _run("ingest", "--db", str(tmp_path / "a.db"), "--prepared-out", str(prepared), "--json", str(source))
    assert first.exit_code == 0, first.output
    assert not prepared.with_name("prepared.parquet.partial").exists()

    import pyarrow.parquet as parquet

    table = parquet.read_table(prepared)
    assert sorted(table.column("id").to_pylist()) == sorted(a.id for a in corpus)  # stored once each
    assert {"entities", "head_vector", "terms"} <= set(table.column_names)

    def no_analysis(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a prepared document was analysed again")

    monkeypatch.setattr("samestory.stories.preparation.analyse_text", no_analysis)
    second = _run("ingest", "--db", str(tmp_path / "b.db"), "--json", "--workers", "0", str(prepared))
    assert second.exit_code == 0, second.output
    assert _lines(second.stdout)[-1]["new"] == len(corpus)
    assert _store_view(tmp_path / "b.db") == _store_view(tmp_path / "a.db")


def test_prepared_documents_of_another_encoder_are_refused(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    source = _write(tmp_path / "news.jsonl", [a.record() for a in _corpus()[:3]])
    prepared = tmp_path / "prepared.parquet"
    assert _run("ingest", "--db", str(tmp_path / "a.db"), "--prepared-out", str(prepared), str(source)).exit_code == 0
    result = _run("ingest", "--fast", "--db", str(tmp_path / "fast.db"), str(prepared))
    assert result.exit_code == 1
    assert "prepared with the 'use' encoder" in result.output and "'use-static'" in result.output


def test_a_backfill_placed_in_time_shards_has_the_stories_of_one_placement(tmp_path: Path) -> None:
    """``--placement-workers 2`` cuts a long dated input in two time shards placed by two processes."""
    pytest.importorskip("pyarrow")
    corpus = generate(70, seed=13, days=900)
    source = _write(tmp_path / "news.jsonl", [a.record() for a in corpus])
    prepared = tmp_path / "prepared.parquet"
    sequential = _run("ingest", "--db", str(tmp_path / "one.db"), "--prepared-out", str(prepared), str(source))
    assert sequential.exit_code == 0, sequential.output
    sharded = _run("ingest", "--db", str(tmp_path / "two.db"), "--placement-workers", "2", "--json", str(prepared))
    assert sharded.exit_code == 0, sharded.output
    summary = _lines(sharded.stdout)[-1]
    assert summary["new"] == len(corpus) and summary["time_shards"] == 2
    ids, stories, _ = _store_view(tmp_path / "two.db")
    assert (ids, stories) == _store_view(tmp_path / "one.db")[:2]


def test_recluster_places_every_article_again_and_keeps_the_story_ids(store: Path, tmp_path: Path) -> None:
    """With the scorer that built the store, re-clustering keeps every story and its id."""
    import shutil

    db = tmp_path / "copy.db"
    shutil.copy(store, db)
    before = _lines(_run("stories", "--db", str(db), "--json").stdout)
    result = _run("stories", "recluster", "--db", str(db), "--json")
    assert result.exit_code == 0, result.output
    report = _lines(result.stdout)[-1]
    assert report["articles"] == sum(len(s["articles"]) for s in before)
    assert (report["kept_ids"], report["new_ids"], report["retired_ids"]) == (len(before), 0, 0)
    after = _lines(_run("stories", "--db", str(db), "--json").stdout)
    assert {s["id"]: sorted(a["id"] for a in s["articles"]) for s in after} == {
        s["id"]: sorted(a["id"] for a in s["articles"]) for s in before
    }
    assert _run("stories", "recluster", "--db", str(tmp_path / "none.db")).exit_code == 1


def test_an_unexpected_analysis_error_is_that_articles_failure_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Real text finds corners no test thought of: the article that breaks analysis is named with the error, its
    exact repeat too, and every other article of its batch and of the input is stored."""
    from samestory.stories import preparation

    analyse = preparation.analyse_text

    def breaks_on_one(article):  # type: ignore[no-untyped-def]
        if "PIER-7" in article.text:
            raise RuntimeError("an analysis corner")
        return analyse(article)

    monkeypatch.setattr(preparation, "analyse_text", breaks_on_one)
    corpus = _corpus()
    breaking = {"id": "pier-7", "title": "Harbour notice", "text": "The harbour closed pier PIER-7 after a storm."}
    records = [corpus[0].record(), breaking, *(a.record() for a in corpus[1:]), {**breaking, "id": "pier-7-again"}]
    source = _write(tmp_path / "news.jsonl", records)
    result = _run("ingest", "--db", str(tmp_path / "s.db"), "--workers", "0", "--json", str(source))
    assert result.exit_code == 1, result.output
    assert "news.jsonl:2: analysis failed (RuntimeError: an analysis corner)" in result.stderr  # file:line
    assert f"news.jsonl:{len(records)}: repeats an article of this input that could not be analysed" in result.stderr
    summary = _lines(result.stdout)[-1]
    assert summary["new"] == len(corpus) and summary["failed"] == 2 and "Traceback" not in result.output
    stored = _store_view(tmp_path / "s.db")[0]
    assert stored == sorted(a.id for a in corpus)
    clustered = _run("cluster", str(source))
    assert clustered.exit_code == 1 and "news.jsonl:2: analysis failed (RuntimeError" in clustered.stderr
    assert sorted(line["id"] for line in _lines(clustered.stdout)) == sorted(a.id for a in corpus)
