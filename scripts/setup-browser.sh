#!/usr/bin/env bash
# Installs the browser the end-to-end tests drive: Debian's chromium at /usr/bin/chromium.
# Playwright's own browser download is never used (no internet at test time, only package registries).
# Idempotent: when /usr/bin/chromium already exists it returns at once without touching apt.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-browser: apt-get not found; install chromium so that /usr/bin/chromium exists" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "setup-browser: need root (or sudo) to run apt-get install chromium" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y chromium

if [ ! -x /usr/bin/chromium ]; then
  echo "setup-browser: apt-get finished but /usr/bin/chromium is still missing" >&2
  exit 1
fi
