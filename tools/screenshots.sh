#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# screenshots.sh — take the README's and the metainfo's screenshots under Xvfb
#
#   tools/screenshots.sh [BUILDDIR]      (default: _build; build it first)
#
# Writes docs/screenshots/<place>-<lang>.png at 1366×768, in Chinese (zh_CN)
# and in English.  Needs xvfb-run and ImageMagick's import.
set -eu

srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=$(cd "${1:-$srcdir/_build}" && pwd)
outdir=$srcdir/docs/screenshots
app=$builddir/app/drilldesk

if [ "${DD_SCREENSHOTS_INNER:-}" != 1 ]; then
  [ -x "$app" ] || { echo "$app: not built (run make or meson compile first)" >&2; exit 1; }
  mkdir -p "$outdir"
  exec env DD_SCREENSHOTS_INNER=1 xvfb-run -a -s '-screen 0 2800x1600x24' "$0" "$builddir"
fi

# shot NAME PLACE LANGUAGE
shot () {
  name=$1 place=$2 lang=$3
  config=$(mktemp -d)
  mkdir -p "$config/glib-2.0/settings"
  printf '[io/github/drilldesk/DrillDesk]\nwindow-width=1366\nwindow-height=768\n' \
    > "$config/glib-2.0/settings/keyfile"
  env LANGUAGE="$lang" LANG=C.UTF-8 LC_ALL= \
      XDG_CONFIG_HOME="$config" GSETTINGS_BACKEND=keyfile \
      GSETTINGS_SCHEMA_DIR="$builddir/assets" GSK_RENDERER=cairo NO_AT_BRIDGE=1 \
      "$app" --show="$place" >/dev/null 2>&1 &
  pid=$!
  sleep 4
  # The pointer sits in the middle of the screen, outside the window: no tooltip
  import -window root -crop 1366x768+0+0 +repage "$outdir/$name-$lang.png"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$config"
  echo "$outdir/$name-$lang.png"
}

for lang in zh_CN en; do
  shot start drill "$lang"
  shot plan plan/overview "$lang"
  shot organisation plan/organisation "$lang"
  shot levels plan/levels "$lang"
  shot phones plan/phones "$lang"
done

# The drill (setup, console mid-drill, presenter, review) at 1366×768 and
# 1920×1080 in Chinese, driven over the accessibility bus
# (tools/screenshots-drill.py; needs pyatspi).
if /usr/bin/python3 -c 'import pyatspi' 2>/dev/null; then
  for size in 1366x768 1920x1080; do
    config=$(mktemp -d)
    mkdir -p "$config/glib-2.0/settings"
    printf '[io/github/drilldesk/DrillDesk]\nwindow-width=%s\nwindow-height=%s\n' "${size%x*}" "${size#*x}" \
      > "$config/glib-2.0/settings/keyfile"
    env -u G_DEBUG LANGUAGE=zh_CN LANG=C.UTF-8 LC_ALL= DD_KEEP_LANGUAGE=1 \
        XDG_CONFIG_HOME="$config" GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR="$builddir/assets" \
        GSK_RENDERER=cairo \
      xvfb-run -a -s "-screen 0 ${size}x24" dbus-run-session -- sh -c \
        '/usr/libexec/at-spi-bus-launcher --launch-immediately & exec /usr/bin/python3 "$@"' sh \
        "$srcdir/tools/screenshots-drill.py" "$app" "$builddir/app/drilldesk-cli" "$srcdir" \
        "$outdir" "zh_CN-$size" 2>/dev/null || echo "drill screenshots at $size failed" >&2
    rm -rf "$config"
  done
fi
