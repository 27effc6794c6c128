"""The watchdog stops what a killed process leaves running (a local Ray's agents, in real use)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import psutil

from samestory.stories import process_reaper

PARENT = """
import subprocess, sys, time
from samestory.stories import process_reaper
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
process_reaper.watch(__import__("os").getpid())
print(child.pid, flush=True)
time.sleep(120)
"""


def test_the_children_of_a_killed_process_are_stopped() -> None:
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    child = psutil.Process(int(parent.stdout.readline()))
    time.sleep(2 * process_reaper.POLL_SECONDS)  # the watchdog has seen the child
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    gone, alive = psutil.wait_procs([child], timeout=10 + process_reaper.GRACE_SECONDS)
    assert child in gone and not alive


def test_a_process_that_is_not_there_leaves_nothing_to_do() -> None:
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    assert process_reaper.reap_after(finished.pid) == []
