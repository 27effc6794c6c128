"""``ingest --engine ray``: Ray Data's actors prepare the batches, and the stories are those of a local ingest.

Ray runs locally with this machine's cores (``ray.init`` by the preparer itself); no cluster is needed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samestory.articles.records import FieldMap, article_from_record
from samestory.cli import app
from samestory.stories.ray_preparation import shutdown_local_ray
from samestory.stories.session import open_session
from samestory.stories.synthetic import sibling_topic

pytest.importorskip("ray")
pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]


@pytest.fixture(scope="module", autouse=True)
def _one_local_ray_for_the_module() -> object:
    yield
    shutdown_local_ray()


def _corpus():  # type: ignore[no-untyped-def]
    articles = sibling_topic("strike", seed=41) + sibling_topic("merger", seed=42)
    return [article_from_record(a.record(), "fixture", a.id, FieldMap()) for a in articles]


def _stories(db: Path, use_ray: bool) -> set[frozenset[str]]:
    with open_session(db, None, batch_size=3, workers=2, use_ray=use_ray) as session:
        placed = [(o.article.id, o.key) for o in session.ingestor.run(_corpus())]
        where = session.store.placements(key for _, key in placed)
    groups: dict[int, set[str]] = {}
    for article_id, key in placed:
        groups.setdefault(where[key].story, set()).add(article_id)
    return {frozenset(g) for g in groups.values()}


def test_ray_data_prepares_batches_that_place_as_local_ones_do(tmp_path: Path) -> None:
    local = _stories(tmp_path / "local.db", use_ray=False)
    assert _stories(tmp_path / "ray.db", use_ray=True) == local
    assert len(local) == 4


def test_the_cli_ingests_jsonl_and_parquet_with_ray(tmp_path: Path) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    pa = pytest.importorskip("pyarrow")
    records = [a.record() for a in sibling_topic("flood", seed=43)]
    jsonl = tmp_path / "a.jsonl"
    thai = {"id": "th-1", "text": "รัฐบาลไทยประกาศมาตรการใหม่เพื่อช่วยเหลือเกษตรกรที่ได้รับผลกระทบจากน้ำท่วม " * 3}
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in [*records[:3], thai]))
    parquet.write_table(pa.Table.from_pylist([{k: r[k] for k in ("id", "title", "text")} for r in records[3:]]),
                        tmp_path / "b.parquet")  # fmt: skip
    db = tmp_path / "s.db"
    result = CliRunner().invoke(app, ["ingest", "--engine", "ray", "--workers", "2", "--db", str(db),
                                      str(jsonl), str(tmp_path / "b.parquet"), "--json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    summary = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")][-1]
    assert summary["new"] == len(records) + 1
    assert "written in Thai script" in result.stderr  # analysis's warnings come back from the actors


@pytest.mark.parametrize(
    ("options", "message"),
    [(["--engine", "spark"], "use 'local' or 'ray'"), (["--address", "10.0.0.1:6379"], "--address needs --engine ray")],
)
def test_engine_options_are_checked(tmp_path: Path, options: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["ingest", *options, "--db", str(tmp_path / "s.db"), str(tmp_path)])
    assert result.exit_code == 2 and message in result.output


def test_an_actor_names_the_article_whose_preparation_raised_and_prepares_the_others(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What a ``DocumentPreparer`` actor returns for a batch in which one article breaks analysis (run here, in
    this process, where the error can be planted): every other article prepared, that one named with its error."""
    import pyarrow as pa

    from samestory.stories import preparation
    from samestory.stories.ray_preparation import ARTICLE_COLUMNS, DocumentPreparer, _documents
    from samestory.stories.records import article_columns

    analyse = preparation.analyse_text
    articles = _corpus()[:4]

    def breaks_on_the_second(article):  # type: ignore[no-untyped-def]
        if article.id == articles[1].id:
            raise RuntimeError("an analysis corner")
        return analyse(article)

    monkeypatch.setattr(preparation, "analyse_text", breaks_on_the_second)
    rows = [{**article_columns(a), "lang": a.lang} for a in articles]
    batch = pa.Table.from_pylist(rows, schema=pa.schema([(name, pa.string()) for name in ARTICLE_COLUMNS]))
    actor = object.__new__(DocumentPreparer)  # without its __init__, which caps this process to one thread
    actor._spec = "use"
    table = actor(batch)
    assert table.num_rows == len(articles)  # the driver regroups rows into batches by count
    documents, signatures, failures = _documents(table)
    assert [d.id for d in documents] == [articles[i].id for i in (0, 2, 3)] and len(signatures) == 3
    assert [(a.id, reason) for a, reason in failures] == [
        (articles[1].id, "analysis failed (RuntimeError: an analysis corner)")
    ]
    assert all(d.head_vector is not None for d in documents)
