#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# run-e2e.sh — runs an end-to-end test inside its own D-Bus session with the
# AT-SPI bus started first (the display comes from xvfb-run around the suite).
#   run-e2e.sh TEST.py ARGS...
set -eu
if [ -z "${DISPLAY:-}" ]; then
  echo "1..0 # SKIP no display (run the suite under xvfb-run)"
  exit 0
fi
# The bus, the bridge and pyatspi warn about things outside this test (a
# missing cache path, portals): not fatal here; the application's own
# environment is set by the test.
unset G_DEBUG
exec dbus-run-session -- bash -c '
  # Its daemons talk on stdout; keep the TAP stream the test'"'"'s alone.
  /usr/libexec/at-spi-bus-launcher --launch-immediately >&2 &
  launcher=$!
  trap "kill $launcher 2>/dev/null" EXIT
  /usr/bin/python3 "$@"
' run-e2e "$@"
