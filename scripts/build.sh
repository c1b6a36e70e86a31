#!/usr/bin/env bash
# Configures and builds one CMake preset (default: release) after making sure the Debian
# dependencies are installed. Used by run_benchmarks.sh and test.sh.
#   scripts/build.sh [PRESET] [extra cmake -D options...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
preset="${1:-release}"
shift || true
"$root/scripts/setup.sh"
cmake --preset "$preset" -S "$root" "$@" >/dev/null
cmake --build "$root/build/$preset" --parallel "${ZBENCH_BUILD_JOBS:-$(nproc)}"
