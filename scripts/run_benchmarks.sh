#!/usr/bin/env bash
# The main job: builds the release preset (unless --reuse-build) and runs `zbench run` with every
# other flag passed through. With no flags: the full matrix, libzmq against zlink.
#   scripts/run_benchmarks.sh --runs 10
#   scripts/run_benchmarks.sh --reuse-build -p PAIR -t tcp --variants zlink,zlink-mimalloc
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
reuse=0
args=()
for arg in "$@"; do
  if [ "$arg" = "--reuse-build" ]; then reuse=1; else args+=("$arg"); fi
done
zbench="$root/build/release/harness/zbench"
if [ "$reuse" -eq 0 ] || [ ! -x "$zbench" ]; then
  "$root/scripts/build.sh" release
fi
cd "$root"
exec "$zbench" run "${args[@]}"
