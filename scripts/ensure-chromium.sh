#!/usr/bin/env bash
# Make sure Debian's chromium is there for the browser tests. Installs it with apt-get when we are
# root; otherwise explains. With CI=true a missing browser is an error, never a silent skip.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  exit 0
fi
if [ "${CI:-}" = "true" ]; then
  echo "error: /usr/bin/chromium is missing and cannot be installed here (not root or no apt-get)." >&2
  exit 1
fi
echo "note: /usr/bin/chromium is missing; browser tests will be skipped." \
     "Install it with: sudo apt-get install chromium" >&2
