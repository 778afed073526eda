#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# render-app-icon.sh — the application icon's PNGs in the resources, from its SVG
#
#   tools/render-app-icon.sh
#
# Writes assets/icons/rendered/io.github.drilldesk.DrillDesk-{48,128,256}.png from
# assets/icons/hicolor/scalable/apps/io.github.drilldesk.DrillDesk.svg with rsvg-convert
# (Debian: librsvg2-bin).  Run it after changing the SVG and commit the PNGs: the window
# shows them at start-up instead of rasterizing the SVG (docs/benchmarks.md);
# tests/test-icons.py checks their sizes.
set -eu

srcdir=$(cd "$(dirname "$0")/.." && pwd)
svg=$srcdir/assets/icons/hicolor/scalable/apps/io.github.drilldesk.DrillDesk.svg
command -v rsvg-convert >/dev/null || { echo "rsvg-convert not found (apt-get install librsvg2-bin)" >&2; exit 1; }
for size in 48 128 256; do
  rsvg-convert --width "$size" --height "$size" --format png \
    --output "$srcdir/assets/icons/rendered/io.github.drilldesk.DrillDesk-$size.png" "$svg"
done
