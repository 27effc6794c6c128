"""Body size, batch size and the bounded compare queue answer with a clear 4xx/503, never a hang."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import anyio
import pytest
from fastapi.testclient import TestClient

from samestory.api.compute import CpuRunner
from samestory.api.errors import ApiError


def test_body_over_the_limit_is_413_by_content_length(make_client: Any) -> None:
    with make_client(max_body_bytes=2000) as client:
        response = client.post("/compare", json={"a": {"text": "x" * 3000}, "b": {"text": "y"}})
    assert response.status_code == 413
    error = response.json()["error"]
    assert error["code"] == "payload_too_large"
    assert "2,000-byte limit" in error["message"]


def test_streamed_body_over_the_limit_is_413(make_client: Any) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"a": {"text": "'
        for _ in range(10):
            yield b"z" * 500
        yield b'"}, "b": {"text": "y"}}'

    with make_client(max_body_bytes=2000) as client:
        response = client.post("/compare", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"


def test_body_under_the_limit_passes(make_client: Any, store: Any) -> None:
    with make_client(store, max_body_bytes=2000) as client:
        response = client.post("/articles", json={"text": "A short article about the harbour festival in Hamburg."})
    assert response.status_code == 200


def test_batch_over_the_limit_is_refused_and_nothing_stored(make_client: Any, store: Any) -> None:
    batch = {"articles": [{"text": f"Article number {i} about the flood in Dresden."} for i in range(4)]}
    with make_client(store, max_batch=3) as client:
        response = client.post("/articles", json=batch)
    assert response.status_code == 413
    error = response.json()["error"]
    assert error["code"] == "batch_too_large"
    assert "4 articles" in error["message"] and "limit of 3" in error["message"]
    assert not store.articles


def test_empty_batch_is_422(client: TestClient) -> None:
    response = client.post("/articles", json={"articles": []})
    assert response.status_code == 422


def test_runner_refuses_when_the_queue_is_full() -> None:
    runner = CpuRunner(workers=1, max_pending=1)
    outcomes: list[str] = []

    async def main() -> None:
        gate = anyio.Event()

        def blocking() -> str:
            anyio.from_thread.run(gate.wait)
            return "done"

        async def call() -> None:
            try:
                outcomes.append(await runner.run(blocking))
            except ApiError as error:
                outcomes.append(f"{error.status} {error.code}")

        async with anyio.create_task_group() as group:
            for _ in range(3):
                group.start_soon(call)
            await anyio.sleep(0.2)
            gate.set()

    anyio.run(main)
    assert sorted(outcomes) == ["503 busy", "done", "done"]
    assert runner.pending == 0


@pytest.mark.parametrize("k", [0, 101, "many"])
def test_query_limits(client: TestClient, k: object) -> None:
    response = client.get(f"/articles/x/similar?k={k}")
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "k"
