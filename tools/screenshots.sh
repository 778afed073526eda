#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# screenshots.sh — take the README's and the metainfo's screenshots under Xvfb
#
#   tools/screenshots.sh [BUILDDIR]      (default: _build; build it first)
#
# Writes docs/screenshots/<screen>-<lang>-<size>.png: every screen in Chinese
# (zh_CN) at 1366×768 and 1920×1080, and in English at 1366×768.  The
# application is driven over the accessibility bus (tools/screenshots-places.py
# and tools/screenshots-drill.py; they need pyatspi, ImageMagick's import,
# xwininfo and the zh_CN.UTF-8 locale, which `make deps` generates).
set -eu

srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=$(cd "${1:-$srcdir/_build}" && pwd)
outdir=$srcdir/docs/screenshots
app=$builddir/app/drilldesk
cli=$builddir/app/drilldesk-cli

[ -x "$app" ] || { echo "$app: not built (run make or meson compile first)" >&2; exit 1; }
mkdir -p "$outdir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A few drills for the start page and the Records place, played by the
# command line: four finished (two of the same scenario, to compare) and
# one interrupted, to resume
data=$work/data
n=0
drill () {
  n=$((n + 1))
  scenario=$1; shift
  folder=$data/drilldesk/drills/2025060$n-093000-000$n
  mkdir -p "$folder"
  cp "$srcdir/assets/plans/jincheng-2020.xml" "$folder/plan.xml"
  cp -r "$srcdir/scenarios/$scenario/scenario.xml" "$srcdir/scenarios/$scenario/attachments" "$folder/"
  "$cli" run "$folder/scenario.xml" --plan "$folder/plan.xml" --journal "$folder/journal.jsonl" --quiet \
    --actions "$srcdir/scenarios/$scenario/$@"
  sleep 1   # distinct creation times, newest last
}
drill ransomware-gov-cloud flawed.actions.xml
drill ddos-gov-portal ideal.actions.xml
drill ransomware-gov-cloud ideal.actions.xml
drill county-site-defaced flawed.actions.xml
drill citizen-data-leak ideal.actions.xml --stop-after 4

# run LANG SIZE SCRIPT ARGS...
run () {
  lang=$1 size=$2; shift 2
  case $lang in zh_CN) locale=zh_CN.UTF-8 ;; *) locale=C.UTF-8 ;; esac
  env -u G_DEBUG -u LC_ALL LANGUAGE="$lang" LANG="$locale" DD_KEEP_LANGUAGE=1 DD_WINDOW_SIZE="$size" \
      GSETTINGS_SCHEMA_DIR="$builddir/assets" \
    xvfb-run -a -s "-screen 0 ${size}x24" dbus-run-session -- sh -c \
      '/usr/libexec/at-spi-bus-launcher --launch-immediately & exec /usr/bin/python3 "$@"' sh \
      "$@" 2>>"$work/log" || { echo "$* failed:" >&2; tail -20 "$work/log" >&2; }
}

for shot in "zh_CN 1366x768" "zh_CN 1920x1080" "en 1366x768"; do
  set -- $shot
  run "$1" "$2" "$srcdir/tools/screenshots-places.py" "$app" "$cli" "$srcdir" "$outdir" "$1-$2" "$data"
  run "$1" "$2" "$srcdir/tools/screenshots-drill.py" "$app" "$cli" "$srcdir" "$outdir" "$1-$2"
done
