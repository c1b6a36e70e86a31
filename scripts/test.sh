#!/usr/bin/env bash
# Builds and runs every test with ctest.
#   scripts/test.sh                   release preset, all tests
#   scripts/test.sh --preset asan     another preset (release, debug, asan, tsan, profile)
#   scripts/test.sh -R zlink          only tests whose name matches (passed to ctest)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
preset=release
ctest_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --preset) preset="${2:?--preset needs a name}"; shift 2 ;;
    *) ctest_args+=("$1"); shift ;;
  esac
done
"$root/scripts/build.sh" "$preset"
cd "$root"
ctest --preset "$preset" --output-on-failure "${ctest_args[@]}"
