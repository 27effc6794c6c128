"""Analysis, encoding and MinHash of an ingest on Ray Data: the scale-out of ``preparation``.

Ingest has one sequential step, placement (each article must see the stories placed before it), and one
that parallelises without limit: analysing, encoding and signing each article. With ``--engine ray``:

1. the driver drops repeats from the articles Ray Data has read (``ray_reading``; content hash and URL key,
   against the store and the run: both need the store, which lives with the driver) and puts the articles to
   store, a group of batches at a time, as Arrow tables into Ray's object store (which spills to disk when
   memory runs short);
2. a Ray dataset over those tables is mapped by ``DocumentPreparer`` actors (``map_batches`` with a callable
   class, batches of the ingest's batch size): each actor loads the encoder and the analysis tables once,
   then analyses, encodes and signs batch after batch, and returns the prepared-documents columns
   (``stories.prepared``) plus the MinHash signature;
3. the driver iterates the dataset in input order (``preserve_order``) while Ray Data streams, and places
   and stores each batch as it arrives, so the stories are exactly those of a local ingest.

Locally (no address) Ray starts on this machine with its cores; with ``--address`` the actors run wherever
the cluster has CPUs, and every node needs samestory installed (``docs/scale.md``).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np

from samestory.articles.model import Article
from samestory.documents.encoders import get_encoder
from samestory.documents.model import Document
from samestory.errors import EngineUnavailableError
from samestory.stories import neardup, process_reaper
from samestory.stories.preparation import Failures, prepare_batch, prepare_each, start_worker
from samestory.stories.prepared import documents_from_table, documents_table
from samestory.stories.records import article_columns, article_from_columns

ACTOR_CPUS = 1
"""CPUs each actor reserves: one single-threaded encoder per CPU is the fastest way to run it."""
BATCHES_PER_BLOCK = 1
"""Ingest batches per table put into the object store: the dataset's blocks, Ray Data's unit of work. One:
the first batches come back (and are placed and committed) while the actors prepare the next ones."""


class DocumentPreparer:
    """The ``map_batches`` callable: the models loaded once per actor, then one batch after another."""

    def __init__(self, encoder_spec: str) -> None:
        start_worker(os.getppid(), encoder_spec)  # exits with the raylet that started it
        self._spec = encoder_spec

    def __call__(self, batch: Any) -> Any:
        """The batch's prepared documents, then a row for each article whose preparation raised (its columns
        and the error in ``failure``), so that every article of the batch comes back, prepared or named."""
        import pyarrow as pa

        articles = [article_from_columns(row) for row in batch.to_pylist()]
        try:
            documents, failures = prepare_batch(articles, self._spec), []
        except Exception:  # one article's error must not end the run: find it, prepare the others
            articles, documents, failures = prepare_each(articles, get_encoder(self._spec))
        signatures = [neardup.signature(article.full_text).tobytes() for article in articles]
        table = documents_table(documents).append_column("minhash", pa.array(signatures, type=pa.binary()))
        warnings = [list(document.warnings) for document in documents]
        table = table.append_column("warnings", pa.array(warnings, type=pa.list_(pa.string())))
        table = table.append_column("failure", pa.nulls(len(documents), type=pa.string()))
        if not failures:
            return table
        failed = [{**article_columns(article), "lang": article.lang, "failure": reason} for article, reason in failures]
        return pa.concat_tables([table, pa.Table.from_pylist(failed)], promote_options="default")


class RayDataPreparer:
    """Prepares an ingest's batches on Ray Data and gives them back in order (``prepare``)."""

    def __init__(self, encoder_spec: str, address: str | None = None, actors: int | None = None) -> None:
        ray = connect_ray(address)
        self._spec = encoder_spec
        self._actors = actors or max(1, int(ray.cluster_resources().get("CPU", 1)) // ACTOR_CPUS)

    def prepare(self, batches: Iterable[list[Article]]) -> Iterator[tuple[list[Document], list[np.ndarray], Failures]]:
        """Documents, MinHash signatures and failures of each batch, in the order given. Every batch is put in
        the object store by this call, before the first comes back (reading and repeat detection are quick
        next to the analysis); the returned iterator streams the prepared batches."""
        sizes, blocks = self._put_batches(batches)
        return self._prepared(sizes, blocks) if blocks else iter(())

    def _prepared(
        self, sizes: list[int], blocks: list[Any]
    ) -> Iterator[tuple[list[Document], list[np.ndarray], Failures]]:
        """Ray Data's output regrouped into the ingest's batches (its blocks need not align with them)."""
        rows = iter(self._dataset(blocks, max(sizes)).iter_batches(batch_size=None, batch_format="pyarrow"))
        pending: list[Any] = []
        ready = 0
        for size in sizes:
            while ready < size:
                block = next(rows)
                pending.append(block)
                ready += block.num_rows
            table = _concat(pending)
            yield _documents(table.slice(0, size))
            pending, ready = ([table.slice(size)], ready - size) if ready > size else ([], 0)

    def close(self) -> None:
        """Nothing to release: the object store frees the tables once the dataset is gone."""

    def _put_batches(self, batches: Iterable[list[Article]]) -> tuple[list[int], list[Any]]:
        """Sizes of the non-empty batches, and object references of the tables that hold their articles."""
        sizes: list[int] = []
        blocks: list[Any] = []
        group: list[Article] = []
        for batch in filter(None, batches):
            sizes.append(len(batch))
            group.extend(batch)
            if len(sizes) % BATCHES_PER_BLOCK == 0:
                blocks.append(_put(group))
                group = []
        if group:
            blocks.append(_put(group))
        return sizes, blocks

    def _dataset(self, blocks: list[Any], batch_size: int) -> Any:
        ray = _ray()
        ordered_data_context()
        return ray.data.from_arrow_refs(blocks).map_batches(
            DocumentPreparer,
            fn_constructor_args=(self._spec,),
            batch_size=batch_size,
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=self._actors),
            num_cpus=ACTOR_CPUS,
        )


ARTICLE_COLUMNS = ("id", "title", "text", "url", "outlet", "source", "published", "precision", "lang")
"""An article as Ray Data carries it (``records.article_columns`` and the input's language hint)."""


def _put(articles: list[Article]) -> Any:
    """The articles' columns (with the input's language hint) as an Arrow table in the object store."""
    import pyarrow as pa

    rows = [{**article_columns(article), "lang": article.lang} for article in articles]
    schema = pa.schema([(name, pa.string()) for name in ARTICLE_COLUMNS])
    return _ray().put(pa.Table.from_pylist(rows, schema=schema))


def _concat(tables: list[Any]) -> Any:
    import pyarrow as pa

    return tables[0] if len(tables) == 1 else pa.concat_tables(tables)


def _documents(table: Any) -> tuple[list[Document], list[np.ndarray], Failures]:
    """The documents of a prepared batch (with analysis's warnings), their MinHash signatures, and the articles
    that could not be prepared (``DocumentPreparer``)."""
    import pyarrow.compute as pc

    failing = pc.is_valid(table.column("failure"))
    failures = [(article_from_columns(row), str(row["failure"])) for row in table.filter(failing).to_pylist()]
    table = table.filter(pc.invert(failing))
    signatures = [neardup.signature_from_bytes(blob) for blob in table.column("minhash").to_pylist()]
    documents = documents_from_table(table.drop_columns(["minhash", "warnings", "failure"]))
    for document, warnings in zip(documents, table.column("warnings").to_pylist(), strict=True):
        document.warnings.extend(warnings)
    return documents, signatures, failures


def connect_ray(address: str | None) -> Any:
    """The ``ray`` module, joined to the cluster at ``address`` (or a local Ray with this machine's cores) unless
    this process already is."""
    ray = _ray()
    if not ray.is_initialized():
        try:
            ray.init(
                address=address,
                num_cpus=None if address else os.cpu_count(),
                include_dashboard=False,
                log_to_driver=False,
                configure_logging=False,
            )
        except (ConnectionError, RuntimeError, ValueError) as error:
            raise EngineUnavailableError(f"cannot reach the Ray cluster at {address or 'local'}: {error}") from error
        if address is None:
            process_reaper.watch(os.getpid())  # a killed ingest leaves no Ray agents behind
    return ray


def ordered_data_context() -> None:
    """Ray Data as ingest needs it: blocks in input order (placement must see it), no bars of its own (the
    ingest shows one, of stored articles), warnings only."""
    context = _ray().data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    logging.getLogger("ray.data").setLevel(logging.WARNING)


def _ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError as error:
        raise EngineUnavailableError("--engine ray needs Ray Data: pip install 'samestory[ray]'") from error
    return ray


def shutdown_local_ray() -> None:
    """Stop the Ray instance this process started (tests, and the CLI once an ingest ends)."""
    try:
        import ray
    except ImportError:
        return
    if ray.is_initialized():
        ray.shutdown()
