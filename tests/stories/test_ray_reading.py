"""``ingest --engine ray`` reads its input files on Ray Data: the same articles and failures, in the same order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from samestory.articles import FieldMap, ReadFailure, read_articles
from samestory.articles.model import ReadResult
from samestory.stories import ray_reading
from samestory.stories.ray_preparation import shutdown_local_ray

pa = pytest.importorskip("pyarrow")


def _inputs(folder: Path) -> list[str]:
    (folder / "wire").mkdir()
    lines = [json.dumps({"id": "w1", "text": "Ferries stop after the pier cracked."}), "{broken", json.dumps(
        {"id": "w2", "text": "Der Hafen schließt den Nordpier.", "published": "2023-03-01", "url": "https://x.org/a"}
    )]  # fmt: skip
    (folder / "wire" / "a.jsonl").write_text("\n".join(lines) + "\n")
    (folder / "wire" / "b.html").write_text(
        "<html><head><title>Pier</title><script>alert(1)</script></head><body><p>The pier is closed.</p></body></html>"
    )
    pq = pytest.importorskip("pyarrow.parquet")
    pq.write_table(pa.Table.from_pylist([{"id": "p1", "text": "Türkçe haber: İskele kapandı."}]), folder / "c.parquet")
    (folder / "empty").mkdir()
    return [str(folder / "wire"), str(folder / "missing.jsonl"), str(folder / "c.parquet"), str(folder / "empty")]


def _comparable(results: list[ReadResult]) -> list[tuple[object, ...]]:
    return [
        (r.item, r.reason) if isinstance(r, ReadFailure) else (r.id, r.text, r.title, r.lang, r.published, r.url)
        for r in results
    ]


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_ray_data_reads_what_the_local_reader_reads_in_order(tmp_path: Path) -> None:
    pytest.importorskip("ray")
    inputs = _inputs(tmp_path)
    local = list(read_articles(inputs, FieldMap()))
    try:
        on_ray = list(ray_reading.read_with_ray(inputs, FieldMap()))
    finally:
        shutdown_local_ray()
    assert _comparable(on_ray) == _comparable(local)
    assert sum(isinstance(r, ReadFailure) for r in on_ray) == 3  # the broken line, the missing file, the empty folder


def test_a_reading_task_hands_back_bounded_blocks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps({"id": f"a{i}", "text": f"Report number {i}."}) + "\n" for i in range(5)))
    monkeypatch.setattr(ray_reading, "READ_BLOCK", 2)
    tables = list(ray_reading.read_files(pa.table({"path": [str(path)]}), FieldMap(), 1_000_000))
    assert [t.num_rows for t in tables] == [2, 2, 1]
    assert [r.id for t in tables for r in ray_reading._results(t)] == [f"a{i}" for i in range(5)]  # type: ignore[union-attr]


def test_a_reader_that_breaks_fails_its_file_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = tmp_path / "good.txt"
    good.write_text("A plain report.")

    def reader(paths: list[str], fields: FieldMap, max_bytes: int) -> list[ReadResult]:
        if paths[0].endswith("bad.txt"):
            raise RuntimeError("reader bug")
        return list(read_articles(paths, fields, max_bytes))

    monkeypatch.setattr(ray_reading, "read_articles", reader)
    batch = pa.table({"path": [str(tmp_path / "bad.txt"), str(good)]})
    results = [r for t in ray_reading.read_files(batch, FieldMap(), 1_000_000) for r in ray_reading._results(t)]
    assert isinstance(results[0], ReadFailure) and "RuntimeError: reader bug" in results[0].reason
    assert [getattr(r, "id", None) for r in results[1:]] == ["good"]
