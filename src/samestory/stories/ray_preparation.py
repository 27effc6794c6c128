"""Analysis and encoding of ingest batches on a Ray cluster: the scale-out of ``preparation``.

Ingest has one sequential step, placement (each article must see the stories placed before it), and one
that parallelises without limit: analysing and encoding each article. ``RayPreparer`` sends whole batches
to Ray actors, each of which loads the encoder and the analysis tables once and then prepares batch after
batch; the batches come back in submission order, so the stories are those of a local run. Reading, repeat
detection (content hash and URL key, against the store and the run) and placement stay in this process,
next to the store.

Locally (no address) Ray starts on this machine with its cores; with ``--address`` the actors run wherever
the cluster has CPUs, and every node needs samestory installed (``docs/scale.md``).
"""

from __future__ import annotations

import os
from concurrent.futures import Future
from typing import Any

from samestory.articles.model import Article
from samestory.documents.model import Document
from samestory.errors import EngineUnavailableError
from samestory.stories import process_reaper
from samestory.stories.preparation import prepare_batch, start_worker

ACTOR_CPUS = 1
"""CPUs each actor reserves: one single-threaded encoder per CPU is the fastest way to run it."""


class BatchWorker:
    """One Ray actor: the models loaded once, then one batch after another."""

    def __init__(self, encoder_spec: str) -> None:
        start_worker(os.getppid(), encoder_spec)
        self._spec = encoder_spec

    def prepare(self, articles: list[Article]) -> list[Document]:
        return prepare_batch(articles, self._spec)


class RayPreparer:
    """Batches prepared by Ray actors, one batch per actor at a time, round robin."""

    def __init__(self, encoder_spec: str, address: str | None = None, actors: int | None = None) -> None:
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
                raise EngineUnavailableError(
                    f"cannot reach the Ray cluster at {address or 'local'}: {error}"
                ) from error
            if address is None:
                process_reaper.watch(os.getpid())  # a killed ingest leaves no Ray agents behind
        count = actors or max(1, int(ray.cluster_resources().get("CPU", 1)) // ACTOR_CPUS)
        remote = ray.remote(num_cpus=ACTOR_CPUS)(BatchWorker)
        self._actors = [remote.remote(encoder_spec) for _ in range(count)]
        self._next = 0
        self.depth = count + 1
        """Batches in flight: every actor busy, and one more ready to go."""

    def submit(self, articles: list[Article]) -> Future[list[Document]]:
        actor = self._actors[self._next % len(self._actors)]
        self._next += 1
        return actor.prepare.remote(articles).future()  # type: ignore[no-any-return]

    def close(self) -> None:
        ray = _ray()
        for actor in self._actors:
            ray.kill(actor)
        self._actors = []


def _ray() -> Any:
    try:
        import ray
    except ImportError as error:
        raise EngineUnavailableError("--engine ray needs Ray: pip install 'samestory[ray]'") from error
    return ray


def shutdown_local_ray() -> None:
    """Stop the Ray instance this process started (tests, and the CLI once an ingest ends)."""
    try:
        import ray
    except ImportError:
        return
    if ray.is_initialized():
        ray.shutdown()
