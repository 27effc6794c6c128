"""Cold start: wall time of the real ``samestory compare A B`` in a fresh process, and of ``samestory serve``
until ``/health`` answers. Each run is a new process; the table cache (``docs/architecture.md``) is built by
one untimed run first, as any first use after installing does.

    python benchmarks/cold_start.py [A B] [--runs 7]

Targets (issue 12): compare median ≤ 2 s, serve ready ≤ 5 s, on the 2-core development machine.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
EXAMPLES = ROOT / "examples"


def default_pair() -> list[Path]:
    seeds = sorted(SEEDS.glob("*.txt"))
    if len(seeds) >= 2:
        return seeds[:2]
    return [EXAMPLES / "reserve-bank-rate-hike-en.txt", EXAMPLES / "reserve-bank-rate-hike-de.txt"]


def time_compare(pair: list[Path], runs: int) -> list[float]:
    command = ["samestory", "compare", *map(str, pair)]
    subprocess.run(command, check=True, capture_output=True)  # builds the table cache if it is missing
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def time_serve(runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        port = _free_port()
        start = time.perf_counter()
        server = subprocess.Popen(
            ["samestory", "serve", "--port", str(port), "--log-level", "warning"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_for_health(port, deadline=start + 60)
            times.append(time.perf_counter() - start)
        finally:
            server.terminate()
            server.wait(timeout=30)
    return times


def _wait_for_health(port: int, deadline: float) -> None:
    while time.perf_counter() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError("samestory serve did not answer /health within 60 s")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _summary(name: str, times: list[float]) -> str:
    return f"{name}: median {statistics.median(times):.2f} s, min {min(times):.2f} s, max {max(times):.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    pair = args.files if len(args.files) == 2 else default_pair()
    print(f"compare {pair[0].name} {pair[1].name}, {args.runs} cold processes", file=sys.stderr)
    print(_summary("compare", time_compare(pair, args.runs)))
    print(_summary("serve ready", time_serve(max(3, args.runs // 2))))


if __name__ == "__main__":
    main()
