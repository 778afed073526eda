#!/bin/sh
# tools/bench.sh — run the DrillDesk benchmarks (make bench)
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tools/bench.sh [BUILDDIR] [dd-bench options…]
# BUILDDIR (default _build-bench) must be a release build (make bench sets
# it up).  The benchmarks run under Xvfb, 1920×1080, with a private D-Bus
# session, so the GUI figures are measured the same way for drilldesk and
# the bare window.  The tables go to stdout and to BUILDDIR/bench.md.
set -eu

builddir=${1:-_build-bench}
[ $# -gt 0 ] && shift

bench="$builddir/tests/bench/dd-bench"
if [ ! -x "$bench" ]; then
  echo "bench.sh: $bench not built (run make bench)" >&2
  exit 2
fi

buildtype=$(meson introspect --buildoptions "$builddir" 2>/dev/null |
  python3 -c 'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"]=="buildtype"))' \
  2>/dev/null || echo unknown)
if [ "$buildtype" != release ]; then
  echo "bench.sh: warning: $builddir is a '$buildtype' build, not release" >&2
fi

run="$bench --out $builddir/bench.md $*"
if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then
  run="xvfb-run -a -s '-screen 0 1920x1080x24' $run"
fi
if command -v dbus-run-session >/dev/null; then
  run="dbus-run-session --config-file=$(dirname "$0")/bench-dbus.conf -- $run"
fi

export GTK_A11Y=none NO_AT_BRIDGE=1 LC_ALL=C.UTF-8
eval "$run"
