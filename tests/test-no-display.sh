#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# test-no-display.sh — every GUI test executable, run as flatpak-builder's
# run-tests runs it in its sandbox (no DISPLAY, no WAYLAND_DISPLAY), skips
# as a whole: exit status 0 and a TAP plan "1..0 # SKIP", before GTK tries
# to open a display (which would abort).  TAP.
#   test-no-display.sh TEST-EXECUTABLE...
# `make test-no-display` runs the whole suite that way (the core passes).
n=0
failed=0
echo "1..$#"
for exe in "$@"; do
  n=$((n + 1))
  name=$(basename "$exe")
  out=$(env -u DISPLAY -u WAYLAND_DISPLAY "$exe" 2>&1)
  status=$?
  if [ "$status" -eq 0 ] && printf '%s\n' "$out" | head -n 1 | grep -q '^1\.\.0 # SKIP'; then
    echo "ok $n /dd/no-display/$name skips"
  else
    failed=1
    echo "not ok $n /dd/no-display/$name skips"
    printf '%s\n' "exit status $status" "$out" | head -n 20 | sed 's/^/# /'
  fi
done
exit $failed
