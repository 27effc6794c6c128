"""Analysis and encoding of ingest batches, in worker threads or in worker processes.

Placement must be sequential (each article sees the stories placed before it), but analysis and
encoding of later batches need not wait for it. Two ways to overlap them:

* ``ThreadPreparer``: one analysis thread and one encoding thread in this process. No start-up cost,
  right for small inputs, but the analysis, the encoder's own Python work and placement share one GIL,
  and a multi-threaded BLAS spends much of its second core spinning.
* ``ProcessPreparer``: worker processes that each analyse and encode whole batches with a
  single-threaded encoder. Measured on 2 cores (docs/stories.md) this ingests ~1.5 times faster, at the
  cost of loading the models once per worker (seconds), so ingest switches to it only for long inputs.

Both hand back batches in submission order, so placement order, and with it the stories, is the same.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Protocol

from samestory.articles.model import Article
from samestory.documents.analyze import analyse_text, attach_vectors
from samestory.documents.encoders import KNOWN_ENCODER_SPECS, Encoder, encoder_threads, get_encoder
from samestory.documents.model import Document

Timer = Callable[[str, float], None]
"""Adds the seconds since a start time to a named stage of the ingest summary."""
PIPELINE_DEPTH = 2
"""Batches the two preparation threads work on ahead of placement."""
PARENT_CHECK_SECONDS = 1.0
"""How often a worker process checks that the ingest that started it is still alive."""


class Preparer(Protocol):
    depth: int
    """Batches prepared ahead of placement: enough to keep every worker busy."""

    def submit(self, articles: list[Article]) -> Future[list[Document]]: ...

    def close(self) -> None: ...


class ThreadPreparer:
    """Analysis and encoding in two worker threads of this process, one batch behind the other."""

    def __init__(self, encoder: Encoder, timed: Timer) -> None:
        self._encoder = encoder
        self._timed = timed
        self.depth = PIPELINE_DEPTH
        self._analysis = ThreadPoolExecutor(max_workers=1, thread_name_prefix="samestory-analysis")
        self._encoding = ThreadPoolExecutor(max_workers=1, thread_name_prefix="samestory-encoding")

    def submit(self, articles: list[Article]) -> Future[list[Document]]:
        analysed = self._analysis.submit(self._analyse, articles)
        return self._encoding.submit(self._encode, analysed)

    def close(self) -> None:
        self._analysis.shutdown(cancel_futures=True)
        self._encoding.shutdown(cancel_futures=True)

    def _analyse(self, articles: list[Article]) -> list[Document]:
        started = time.perf_counter()
        documents = [analyse_text(article) for article in articles]
        self._timed("analysis", started)
        return documents

    def _encode(self, analysed: Future[list[Document]]) -> list[Document]:
        documents = analysed.result()
        started = time.perf_counter()
        encode_documents(documents, self._encoder)
        self._timed("encoding", started)
        return documents


class ProcessPreparer:
    """Worker processes that each analyse and encode whole batches (single-threaded encoder each)."""

    def __init__(self, encoder_spec: str, workers: int) -> None:
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),  # no fork: the parent holds SQLite and BLAS threads
            initializer=start_worker,
            initargs=(os.getpid(), encoder_spec),
        )
        self._spec = encoder_spec
        self.depth = workers + 1

    def submit(self, articles: list[Article]) -> Future[list[Document]]:
        return self._pool.submit(prepare_batch, articles, self._spec)

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)


def process_workers_possible(encoder: Encoder) -> bool:
    """Worker processes rebuild the encoder from its name, so it must be one ``get_encoder`` knows."""
    return encoder.name in KNOWN_ENCODER_SPECS or encoder.name.startswith("st:")


def prepare_batch(articles: list[Article], encoder_spec: str) -> list[Document]:
    """Analysis and vectors of one batch, as ingest stores them (runs in a worker process)."""
    documents = [analyse_text(article) for article in articles]
    encode_documents(documents, get_encoder(encoder_spec))
    return documents


Failures = list[tuple[Article, str]]
"""Articles that could not be prepared, each with the error."""


def prepare_each(articles: list[Article], encoder: Encoder) -> tuple[list[Article], list[Document], Failures]:
    """A batch whose preparation raised, prepared again article by article in this process: an unexpected
    error is that article's failure (named with the error), and the others are prepared as usual. Only this
    rare path pays for encoding one article at a time."""
    kept: list[Article] = []
    documents: list[Document] = []
    failed: Failures = []
    for article in articles:
        try:
            document = analyse_text(article)
            encode_documents([document], encoder)
        except Exception as error:
            failed.append((article, f"analysis failed ({type(error).__name__}: {error})"))
            continue
        kept.append(article)
        documents.append(document)
    return kept, documents, failed


def start_worker(parent: int, encoder_spec: str) -> None:
    """One BLAS thread per worker (the workers are the parallelism), models loaded before the first batch,
    and an exit when the ingest that started us is gone (a killed parent leaves no orphans behind)."""
    encoder_threads(1)
    get_encoder(encoder_spec)
    threading.Thread(target=exit_with_parent, args=(parent,), daemon=True).start()


def exit_with_parent(parent: int) -> None:
    """Runs in a worker's daemon thread: ends the worker once the process that started it is gone."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(0)


def encode_documents(documents: list[Document], encoder: Encoder) -> None:
    """Head and title vectors, rounded as stored (no sentence vectors: the judgement does not read them), so a
    run resumed after a crash decides as the uninterrupted run did."""
    attach_vectors(documents, encoder, sentences=False)
