#!/usr/bin/env bash
# Installs the browser the end-to-end tests drive: Debian's chromium at /usr/bin/chromium, and a font with
# Chinese, Japanese and Korean glyphs (Debian's chromium brings none, so CJK article text shows as boxes).
# Playwright's own browser download is never used (no internet at test time, only package registries).
# Idempotent: when both are there it returns at once without touching apt.
set -euo pipefail

has_cjk_font() {
  command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh family 2>/dev/null)" ]
}

PACKAGES=()
[ -x /usr/bin/chromium ] || PACKAGES+=(chromium)
has_cjk_font || PACKAGES+=(fonts-wqy-microhei)
if [ ${#PACKAGES[@]} -eq 0 ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-browser: apt-get not found; install ${PACKAGES[*]} (chromium at /usr/bin/chromium)" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "setup-browser: need root (or sudo) to run apt-get install ${PACKAGES[*]}" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y "${PACKAGES[@]}"

if [ ! -x /usr/bin/chromium ]; then
  echo "setup-browser: apt-get finished but /usr/bin/chromium is still missing" >&2
  exit 1
fi
