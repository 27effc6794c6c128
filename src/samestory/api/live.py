"""``samestory serve`` in a subprocess on a free loopback port, for end-to-end tests and benchmarks.

Both need the real command (CLI parsing, uvicorn, lifespan, warm-up) rather than an in-process app,
and both must wait until the models are loaded before they measure or click anything.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from samestory.api.settings import TOKEN_ENV

_RUN_SERVE = "import typer; from samestory.cli.commands_serve import serve; typer.run(serve)"
"""The ``serve`` command function itself, independent of which other commands the CLI registers."""
READY_TIMEOUT_S = 240.0
"""Generous: the server loads the encoder and scorer before it reports ready (slow CI machines)."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class LiveServer:
    process: subprocess.Popen[bytes]
    url: str
    log: Path
    has_store: bool = False

    def stop(self) -> None:
        """SIGTERM (uvicorn then closes the store cleanly); SIGKILL only if it does not exit."""
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)

    def log_tail(self, chars: int = 3000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""


def start_server(log: Path, db: Path | None = None, extra_args: list[str] | None = None) -> LiveServer:
    """Start ``samestory serve`` and return once ``/health`` reports ready (models loaded)."""
    port = free_port()
    command = [sys.executable, "-c", _RUN_SERVE, "--port", str(port)]
    command += ["--log-level", "warning", *(extra_args or [])]
    if db is not None:
        command += ["--db", str(db)]
    env = {k: v for k, v in os.environ.items() if k != TOKEN_ENV}
    with log.open("wb") as handle:
        process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, env=env)
    server = LiveServer(process, f"http://127.0.0.1:{port}", log)
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"samestory serve exited with {process.returncode}:\n{server.log_tail()}")
        try:
            health = httpx.get(server.url + "/health", timeout=2).json()
        except (httpx.HTTPError, ValueError):
            time.sleep(0.3)
            continue
        if health.get("ready"):
            server.has_store = bool(health.get("store"))
            return server
        time.sleep(0.5)
    server.stop()
    raise RuntimeError(f"samestory serve was not ready within {READY_TIMEOUT_S:.0f} s:\n{server.log_tail()}")


@contextmanager
def running_server(log: Path, db: Path | None = None, extra_args: list[str] | None = None) -> Iterator[LiveServer]:
    server = start_server(log, db, extra_args)
    try:
        yield server
    finally:
        server.stop()
