"""A watchdog that ends what a killed process leaves behind: a local Ray's agents outlive a SIGKILLed driver.

``ray.init`` on this machine starts a GCS server, a raylet and agents under the calling process. When that
process ends normally it shuts them down; when it is killed (SIGKILL, the OOM killer, a lost terminal)
nothing can run in it, and Ray's dashboard and runtime-env agents keep running without a parent. So the
driver starts this small process beside it: every second it notes the driver's descendants, and once the
driver is gone it stops those still running (the same processes: same pid and start time), then exits.

    python -m samestory.stories.process_reaper PID
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time

import psutil

POLL_SECONDS = 1.0
GRACE_SECONDS = 3.0


def watch(pid: int) -> None:
    """Start the watchdog for ``pid`` (usually this process) in a process of its own."""
    subprocess.Popen(
        [sys.executable, "-m", __name__, str(pid)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def reap_after(pid: int) -> list[int]:
    """Wait for ``pid`` to end, then stop the descendants it left; their pids."""
    try:
        driver = psutil.Process(pid)
    except psutil.NoSuchProcess:
        return []
    me = os.getpid()
    seen: dict[int, psutil.Process] = {}
    while True:
        try:
            for child in driver.children(recursive=True):
                if child.pid != me:
                    seen.setdefault(child.pid, child)
        except psutil.NoSuchProcess:
            break
        if not driver.is_running():
            break
        time.sleep(POLL_SECONDS)
    left = [p for p in seen.values() if p.is_running()]  # is_running also checks the start time
    for process in left:
        with contextlib.suppress(psutil.Error):
            process.terminate()
    _gone, alive = psutil.wait_procs(left, timeout=GRACE_SECONDS)
    for process in alive:
        with contextlib.suppress(psutil.Error):
            process.kill()
    return [p.pid for p in left]


if __name__ == "__main__":
    reap_after(int(sys.argv[1]))
