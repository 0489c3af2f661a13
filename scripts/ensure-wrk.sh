#!/usr/bin/env bash
# wrk loads the pages in `make bench`. Installs Debian's package with apt-get when we are root.
set -euo pipefail
if command -v wrk >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's wrk for the load benchmark..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq wrk >/dev/null
  exit 0
fi
echo "error: wrk is missing; install it with: sudo apt-get install wrk" >&2
exit 1
