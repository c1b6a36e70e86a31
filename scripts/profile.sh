#!/usr/bin/env bash
# Profiled report for the seed question: zlink vs zlink-mimalloc (plus libzmq) on all patterns
# at 64 B, 1 KiB and 64 KiB over tcp and inproc. Needs the `profile` preset build (frame
# pointers, debug info) and linux-perf; without perf the probe counts and micro-benchmarks still run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${ZBENCH_BUILD_DIR:-$root/build/profile}"
out="${1:-$root/reports/profile-$(date -u +%Y%m%dT%H%M%SZ)}"
"$root/scripts/setup.sh" --profiling
if [[ ! -x "$build/harness/zbench" ]]; then
  "$root/scripts/build.sh" profile
fi
variants=()
built="$("$build/harness/zbench" list 2>/dev/null | grep -v "not built" || true)"
for v in libzmq zlink zlink-mimalloc; do
  grep -E "^ +$v " >/dev/null <<<"$built" && variants+=("$v")
done
IFS=, ; joined="${variants[*]:-libzmq}"; unset IFS
nice "$build/harness/zbench" profile --variants "$joined" -t tcp,inproc -s 64,1KiB,64KiB \
  --duration "${ZBENCH_PROFILE_DURATION:-0.5}" --latency-duration 0.2 --micro --out "$out"
echo "profile report: $out/profile.md"
