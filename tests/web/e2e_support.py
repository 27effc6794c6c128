"""Browser settings for the end-to-end tests: Debian's Chromium, never Playwright's own download."""

from __future__ import annotations

import subprocess
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
SETUP_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "setup-browser.sh"


def install_chromium() -> str | None:
    """Run scripts/setup-browser.sh (apt-get install chromium and a CJK font unless there); None when it worked.

    A missing font alone does not stop the browser tests; the CJK rendering test checks it."""
    try:
        done = subprocess.run(["bash", str(SETUP_SCRIPT)], capture_output=True, text=True, timeout=900)
    except (OSError, subprocess.TimeoutExpired) as error:
        return str(error)
    if not CHROMIUM.exists():
        return (done.stderr.strip().splitlines() or ["setup-browser.sh failed"])[-1]
    return None
