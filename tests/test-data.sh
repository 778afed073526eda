#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# test-data.sh — the packaging data validates (TAP)
#   test-data.sh DESKTOP METAINFO GSCHEMA PO_DIR
set -u

desktop=$1
metainfo=$2
gschema=$3
podir=$4
n=0
failed=0

echo "1..5"

check () {
  n=$((n + 1))
  desc=$1
  shift
  if out=$("$@" 2>&1); then
    echo "ok $n - $desc"
  else
    echo "not ok $n - $desc"
    printf '%s\n' "$out" | sed 's/^/# /'
    failed=1
  fi
}

check "desktop file validates (/dd/data/desktop)" desktop-file-validate "$desktop"
check "metainfo validates (/dd/data/metainfo)" appstreamcli validate --no-net --pedantic --explain "$metainfo"

schema_check () {
  tmp=$(mktemp -d) || return 1
  cp "$gschema" "$tmp/" && glib-compile-schemas --strict --dry-run "$tmp"
  rc=$?
  rm -rf "$tmp"
  return $rc
}
check "settings schema compiles strictly (/dd/data/gschema)" schema_check

# Every message of every catalogue translated, nothing fuzzy
po_complete () {
  status=0
  for lang in $(grep -v '^#' "$podir/LINGUAS"); do
    stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$podir/$lang.po" 2>&1) || { echo "$stats"; status=1; continue; }
    echo "$lang: $stats"
    case $stats in
      *untranslated*|*fuzzy*) status=1 ;;
    esac
  done
  return $status
}
check "translations complete (/dd/data/po-complete)" po_complete

# Every source file with translatable strings is in POTFILES
potfiles_complete () {
  root=$(cd "$podir/../.." && pwd)
  status=0
  for f in $(cd "$root" && grep -rlE '(\b_|\bN_|\bC_|g_dngettext)[[:space:]]*\("' app --include='*.c') \
           $(cd "$root" && grep -l 'translatable="yes"' ui/*.ui ui/gtk/*.ui); do
    grep -qx "$f" "$podir/POTFILES" || { echo "missing from POTFILES: $f"; status=1; }
  done
  return $status
}
check "POTFILES lists every file with strings (/dd/data/potfiles)" potfiles_complete

exit $failed
