#!/usr/bin/env bash
# Installs the Debian 12 packages zlink-bench needs. Idempotent: when everything is already
# installed it only checks and returns. Needs root (or sudo) only when something is missing.
#   scripts/setup.sh              build, test and benchmark dependencies
#   scripts/setup.sh --profiling  also linux-perf for `zbench profile`
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config git
  libzmq3-dev cppzmq-dev libmimalloc-dev libbenchmark-dev libfmt-dev libcli11-dev
  nlohmann-json3-dev libasio-dev libgtest-dev libgmock-dev
)
for arg in "$@"; do
  case "$arg" in
    --profiling) packages+=(linux-perf) ;;
    *) echo "setup.sh: unknown option '$arg' (valid: --profiling)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep "install ok installed" >/dev/null; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "setup.sh: installing ${missing[*]}" >&2
as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "setup.sh: need root to install: ${missing[*]} (run as root or install sudo)" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
