"""Worker processes prepare batches exactly as threads do, and never outlive the ingest that started them."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import psutil
import pytest

from samestory.articles.records import FieldMap, article_from_record
from samestory.stories import ingest
from samestory.stories.preparation import ProcessPreparer
from samestory.stories.session import open_session
from samestory.stories.synthetic import sibling_topic

pytestmark = pytest.mark.slow


def _stories(tmp_path, name: str, workers: int) -> list[tuple[str, int, int]]:
    corpus = sibling_topic("strike", seed=11) + sibling_topic("flood", seed=12, gap_days=330)
    articles = [article_from_record(a.record(), "fixture", a.id, FieldMap()) for a in corpus]
    with open_session(tmp_path / name, None, batch_size=3, workers=workers) as session:
        placed = [(o.article.id, o.key) for o in session.ingestor.run(articles)]
        where = session.store.placements(key for _, key in placed)
        return sorted((article_id, where[key].story, where[key].topic) for article_id, key in placed)


class CountingProcessPreparer(ProcessPreparer):
    batches = 0

    def submit(self, articles):  # type: ignore[no-untyped-def]
        CountingProcessPreparer.batches += 1
        return super().submit(articles)


def test_worker_processes_place_articles_as_threads_do(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(ingest, "PROCESS_WORKERS_AFTER", 3)  # switch after the first batch
    monkeypatch.setattr(ingest, "ProcessPreparer", CountingProcessPreparer)
    threads = _stories(tmp_path, "threads.db", workers=0)
    assert CountingProcessPreparer.batches == 0
    assert _stories(tmp_path, "processes.db", workers=2) == threads
    assert CountingProcessPreparer.batches >= 1


def test_a_worker_exits_when_its_parent_is_killed() -> None:
    parent = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                """
            import multiprocessing, os, sys, time
            from samestory.stories.preparation import exit_with_parent
            if __name__ == "__main__":
                child = multiprocessing.get_context("spawn").Process(target=exit_with_parent, args=(os.getpid(),))
                child.start()
                print(child.pid, flush=True)
                time.sleep(600)
            """
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    child = psutil.Process(int(parent.stdout.readline()))  # type: ignore[union-attr]
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and child.is_running() and child.status() != psutil.STATUS_ZOMBIE:
        time.sleep(0.2)
    assert not child.is_running() or child.status() == psutil.STATUS_ZOMBIE
