#!/usr/bin/env bash
# zlink-ext end to end: install this repo's zlink into a temporary prefix, build the zlink-ext
# worker against that installed package, and measure one cell with it.
#   zlink_ext_test.sh <main build dir> <harness source dir>
set -euo pipefail
build="$1"
harness="$2"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
test -f "$tmp/prefix/include/zlink.h"
test -f "$tmp/prefix/lib/pkgconfig/zlink.pc"
cmake -S "$harness/ext_worker" -B "$tmp/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DZBENCH_ZLINK_PREFIX="$tmp/prefix" >/dev/null
cmake --build "$tmp/build" >/dev/null
report="$("$tmp/build/zbench-worker-zlink-ext" --cell PAIR/tcp/64 --warmup 0.01 --duration 0.05 \
  --latency-duration 0.02 --latency-warmup 20)"
echo "$report"
case "$report" in
  *'"ok":true'*'"protocol":"ZMP v2"'*) ;;
  *) echo "zlink-ext worker did not report success over ZMP v2" >&2; exit 1 ;;
esac
# The worker must run against the installed library, not a build-tree copy. (The output is
# captured first: with pipefail, `ldd | grep -q` fails at random when grep quits early and ldd
# dies of SIGPIPE.)
libs="$(ldd "$tmp/build/zbench-worker-zlink-ext")"
case "$libs" in
  *"$tmp/prefix/lib/libzlink.so"*) ;;
  *) echo "zlink-ext worker is not linked against $tmp/prefix/lib/libzlink.so:" >&2; echo "$libs" >&2; exit 1 ;;
esac
