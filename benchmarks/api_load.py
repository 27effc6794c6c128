"""Bounded load test of ``POST /compare`` and ``GET /stories`` on loopback (asyncio + httpx).

Starts ``samestory serve`` with a store seeded from the web fixtures, then for ``--duration`` seconds
keeps ``--compare-clients`` clients posting compares and ``--stories-clients`` clients listing
stories, each client sending its next request as soon as the previous one is answered (closed loop, so
the load is bounded by the client count). Reports per route: requests, requests/s, p50/p99 latency
and errors (non-2xx or transport failures). The point of running both at once: the CPU-bound compares
must not starve the cheap reads.

    python benchmarks/api_load.py [--duration 60] [--compare-clients 4] [--stories-clients 4]
    python benchmarks/api_load.py --url http://127.0.0.1:8000   # an already running server
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from samestory.api.live import running_server

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "web" / "fixtures"


def fixture(name: str) -> dict[str, str]:
    title, _, text = (FIXTURES / name).read_text(encoding="utf-8").partition("\n")
    return {"title": title.strip(), "text": text.strip()}


@dataclass
class RouteStats:
    latencies: list[float] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)

    @property
    def errors(self) -> int:
        return sum(n for s, n in self.statuses.items() if not s.startswith("2"))

    def summary(self, seconds: float) -> dict[str, object]:
        ordered = sorted(self.latencies)

        def pct(p: float) -> float:
            return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000, 1) if ordered else 0.0

        return {
            "requests": len(ordered),
            "rps": round(len(ordered) / seconds, 2),
            "p50_ms": pct(0.50),
            "p99_ms": pct(0.99),
            "mean_ms": round(statistics.fmean(ordered) * 1000, 1) if ordered else 0.0,
            "errors": self.errors,
            "statuses": dict(self.statuses),
        }


async def client_loop(
    client: httpx.AsyncClient, method: str, path: str, body: object, stats: RouteStats, stop_at: float
) -> None:
    while time.monotonic() < stop_at:
        started = time.monotonic()
        try:
            response = await client.request(method, path, json=body)
            status = str(response.status_code)
        except httpx.HTTPError as error:
            status = type(error).__name__
        stats.latencies.append(time.monotonic() - started)
        stats.statuses[status] += 1


async def run_load(url: str, duration: float, compare_clients: int, stories_clients: int) -> dict[str, Any]:
    pair = {"a": fixture("elbe-flood-en.txt"), "b": fixture("elbe-flood-de.txt")}
    stats = {"POST /compare": RouteStats(), "GET /stories": RouteStats()}
    limits = httpx.Limits(max_connections=compare_clients + stories_clients + 2)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:
        stop_at = time.monotonic() + duration
        started = time.monotonic()
        tasks = [
            client_loop(client, "POST", "/compare", pair, stats["POST /compare"], stop_at)
            for _ in range(compare_clients)
        ]
        tasks += [
            client_loop(client, "GET", "/stories", None, stats["GET /stories"], stop_at) for _ in range(stories_clients)
        ]
        await asyncio.gather(*tasks)
        elapsed = time.monotonic() - started
    return {"duration_s": round(elapsed, 1), **{route: s.summary(elapsed) for route, s in stats.items()}}


def seed(url: str) -> None:
    articles = [{**fixture(p.name), "id": p.stem} for p in sorted(FIXTURES.glob("*.txt"))]
    httpx.post(url + "/articles", json={"articles": articles}, timeout=300).raise_for_status()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--compare-clients", type=int, default=4)
    parser.add_argument("--stories-clients", type=int, default=4)
    parser.add_argument("--url", help="use a running server instead of starting one")
    args = parser.parse_args()
    with ExitStack() as stack:
        url = args.url
        if url is None:
            tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            server = stack.enter_context(running_server(tmp / "server.log", tmp / "stories.db"))
            url = server.url
            if not server.has_store:
                print("warning: the server has no story store; GET /stories will answer 503", file=sys.stderr)
            else:
                seed(url)
        # one warm request so model loading is not measured, and a load test of errors is not run
        other = {"a": fixture("elbe-flood-en.txt"), "b": fixture("hostile.txt")}
        warm = httpx.post(url + "/compare", json=other, timeout=300)
        if warm.status_code != 200:
            print(f"POST /compare does not work ({warm.status_code}): {warm.text[:300]}", file=sys.stderr)
            return 1
        result = asyncio.run(run_load(url, args.duration, args.compare_clients, args.stories_clients))
    result["clients"] = {"compare": args.compare_clients, "stories": args.stories_clients}
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
