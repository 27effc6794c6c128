"""Reading an ingest's input files on Ray Data: the first stage of ``ingest --engine ray``.

Each input file (a directory's files as ``read_articles`` walks them) is read by a Ray Data task with
samestory's own readers: the format by extension or by sniffing, every bad item a ``ReadFailure`` naming it,
never an exception that ends the run. A task streams its file's articles back a block of ``READ_BLOCK`` at a
time, so a large JSON Lines file never sits whole in memory, and the files of a folder or of many inputs are
read at once on the cluster's CPUs. The driver iterates the blocks in input order and keeps what needs the
store: repeat detection against it, then placement (``stories.ingest``). Standard input and SemEval's
downloader folders (one layout of many small files, indexed by their pairs) are read by the driver.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from samestory.articles.load import STDIN, directory_files, read_articles
from samestory.articles.model import ReadFailure, ReadResult
from samestory.articles.records import FieldMap
from samestory.articles.semeval import is_semeval_dir
from samestory.articles.text import DEFAULT_MAX_BYTES
from samestory.stories.ray_preparation import ARTICLE_COLUMNS, connect_ray, ordered_data_context
from samestory.stories.records import article_columns, article_from_columns

READ_BLOCK = 1_000
"""Articles per block a reading task hands back: bounded memory, few enough blocks for Ray's bookkeeping."""
_COLUMNS = (*ARTICLE_COLUMNS, "failed_item", "failure")


def read_with_ray(
    inputs: Iterable[str], fields: FieldMap, address: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[ReadResult]:
    """What ``read_articles(inputs, fields)`` gives, in the same order, the files read by Ray Data tasks."""
    files: list[str] = []
    for name in inputs:
        listed = _files_of(name)
        if listed:
            files.extend(str(p) for p in listed)
            continue
        yield from _read_on_ray(files, fields, address, max_bytes)  # what came before, first
        files = []
        yield from read_articles([name], fields, max_bytes)  # stdin, a SemEval folder, or what it says is wrong
    yield from _read_on_ray(files, fields, address, max_bytes)


def _files_of(name: str) -> list[Path]:
    """The files Ray Data reads for one input; none for what the driver reads: standard input, a SemEval
    folder, and what ``read_articles`` reports as unreadable (a missing path, an empty folder)."""
    path = Path(name)
    if name == STDIN:
        return []
    if path.is_dir():
        return [] if is_semeval_dir(path) else directory_files(path)
    return [path] if path.is_file() else []


def _read_on_ray(files: list[str], fields: FieldMap, address: str | None, max_bytes: int) -> Iterator[ReadResult]:
    if not files:
        return
    ray = connect_ray(address)
    ordered_data_context()
    dataset = ray.data.from_items([{"path": path} for path in files]).map_batches(
        read_files, fn_kwargs={"fields": fields, "max_bytes": max_bytes}, batch_size=1, batch_format="pyarrow"
    )
    for table in dataset.iter_batches(batch_size=None, batch_format="pyarrow"):
        yield from _results(table)


def read_files(batch: Any, fields: FieldMap, max_bytes: int) -> Iterator[Any]:
    """The ``map_batches`` function: each file of the batch read, a block of articles and failures at a time."""
    pending: list[ReadResult] = []
    for path in batch.column("path").to_pylist():
        try:
            for result in read_articles([path], fields, max_bytes):
                pending.append(result)
                if len(pending) >= READ_BLOCK:
                    yield _table(pending)
                    pending = []
        except Exception as error:  # a reader's bug is this file's failure, not the end of the ingest
            pending.append(ReadFailure(path, f"could not be read ({type(error).__name__}: {error})"))
    if pending:
        yield _table(pending)


def _table(results: list[ReadResult]) -> Any:
    """Articles and failures in one table, in their order: a failure is a row with empty article columns."""
    import pyarrow as pa

    rows = [
        {"failed_item": r.item, "failure": r.reason}
        if isinstance(r, ReadFailure)
        else {**article_columns(r), "lang": r.lang}
        for r in results
    ]
    return pa.Table.from_pylist(rows, schema=pa.schema([(name, pa.string()) for name in _COLUMNS]))


def _results(table: Any) -> Iterator[ReadResult]:
    for row in table.to_pylist():
        if row["failed_item"] is not None:
            yield ReadFailure(row["failed_item"], row["failure"])
        else:
            yield article_from_columns(row)
