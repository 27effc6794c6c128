#!/usr/bin/env bash
# The project's test command (README and .ci/run call exactly this): installs what the end-to-end
# tests need (Debian's chromium), then runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -x scripts/setup-browser.sh ]; then
  scripts/setup-browser.sh || echo "warning: chromium could not be installed; browser tests will be skipped" >&2
fi
exec python -m pytest -q "$@"
