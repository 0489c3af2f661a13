#!/usr/bin/env bash
# Debian's faketime runs the suite at another date (`make test-shifted`). Installs it with apt-get
# when we are root; otherwise explains and fails.
set -euo pipefail
if command -v faketime >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's faketime for the date-shifted test run..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq faketime >/dev/null
  exit 0
fi
echo "error: faketime is missing; install it with: sudo apt-get install faketime" >&2
exit 1
