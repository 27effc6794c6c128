"""Property-based fuzzing of the HTTP API with schemathesis: no request may produce a 5xx.

Starts ``samestory serve`` (with a fresh story store) on a free loopback port, seeds the store with a
few fixture articles so the id routes also see existing ids, and runs ``schemathesis run`` against
``/openapi.json``. Compares are slow (about a second of CPU each), so the example count is bounded.

    python benchmarks/api_schemathesis.py [--max-examples 60] [--checks not_a_server_error]

Exit status: schemathesis's (0 when every check passed).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

from samestory.api.live import running_server

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "web" / "fixtures"


def seed_store(url: str) -> None:
    articles = []
    for path in sorted(FIXTURES.glob("*.txt")):
        title, _, text = path.read_text(encoding="utf-8").partition("\n")
        articles.append({"id": path.stem, "title": title, "text": text})
    response = httpx.post(url + "/articles", json={"articles": articles}, timeout=300)
    print(f"seeded store: HTTP {response.status_code}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--max-examples", type=int, default=60, help="test cases per operation")
    parser.add_argument("--checks", default="not_a_server_error", help="schemathesis checks (or 'all')")
    parser.add_argument("--workers", default="2")
    parser.add_argument("--seed", type=int, default=20240917)
    args = parser.parse_args()
    executable = shutil.which("schemathesis") or shutil.which("st")
    if executable is None:
        print("schemathesis is not installed: pip install -e '.[test]'", file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="samestory-schemathesis-"))
    # info level: uvicorn's access log is what the status summary below is counted from
    with running_server(tmp / "server.log", tmp / "stories.db", ["--log-level", "info"]) as server:
        if server.has_store:
            seed_store(server.url)
        command = [
            executable, "run", f"{server.url}/openapi.json",
            "--checks", args.checks,
            "--max-examples", str(args.max_examples),
            "--workers", args.workers,
            "--seed", str(args.seed),
            "--request-timeout", "120",
            "--generation-database", "none",
            "--suppress-health-check", "too_slow,data_too_large,filter_too_much,large_base_example",
            "--no-color",
        ]  # fmt: skip
        print("$ " + " ".join(command), flush=True)
        started = time.monotonic()
        status = subprocess.call(command, cwd=tmp)  # its caches (.schemathesis, .hypothesis) stay out of the repo
        print(f"schemathesis finished in {time.monotonic() - started:.0f} s with status {status}")
        log = server.log_tail(50_000_000).splitlines()
        print(f"server log: {server.log}; tracebacks: {sum('Traceback' in line for line in log)}")
        print("responses by route and status (from the access log):")
        for (route, code), count in sorted(status_counts(log).items()):
            print(f"  {route:<28} {code}  {count}")
        return status


ACCESS = re.compile(r'"(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS) (/[^ ?]*)\S* HTTP/[\d.]+" (\d{3})')


def status_counts(log: list[str]) -> Counter[tuple[str, str]]:
    """``(method + first path segment, status) → count``: enough to see that compares really ran."""
    counts: Counter[tuple[str, str]] = Counter()
    for line in log:
        if match := ACCESS.search(line):
            method, path, code = match.groups()
            parts = path.split("/")
            route = (
                "/".join(parts[:2])
                + ("/{id}" if len(parts) > 2 else "")
                + ("/similar" if path.endswith("/similar") else "")
            )
            counts[(f"{method} {route}", code)] += 1
    return counts


if __name__ == "__main__":
    sys.exit(main())
