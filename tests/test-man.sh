#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# test-man.sh — the manual pages render without warnings and drilldesk-cli's
# page covers what the program says it takes: every subcommand of
# `drilldesk-cli --help`, every option of each subcommand's --help, and the
# exit statuses of the help's last lines (TAP).
#   test-man.sh DRILLDESK-CLI PAGE...
set -u
cli=$1
shift
n=0
failed=0

result () {
  n=$((n + 1))
  if [ -z "$2" ]; then
    echo "ok $n - $1"
  else
    echo "not ok $n - $1"
    printf '%s\n' "$2" | sed 's/^/# /'
    failed=1
  fi
}

echo "1..$(($# + 3))"
for page in "$@"; do
  if command -v man >/dev/null 2>&1; then
    out=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
  elif command -v groff >/dev/null 2>&1; then
    out=$(LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z "$page" 2>&1)
  else
    # A build sandbox without man or groff (the Flatpak SDK)
    n=$((n + 1))
    echo "ok $n - $(basename "$page") renders without warnings (/dd/man/renders) # SKIP neither man nor groff"
    continue
  fi
  [ $? -eq 0 ] || out="${out:-renders with an error}"
  result "$(basename "$page") renders without warnings (/dd/man/renders)" "$out"
done

clipage=
for page in "$@"; do
  case $(basename "$page") in drilldesk-cli.*) clipage=$page ;; esac
done
# The roff source with its escaped dashes plain, to look names up in
text=$(sed 's/\\-/-/g' "$clipage")

commands=$(LC_ALL=C "$cli" --help | sed -n '/^Commands:/,/^$/p' | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p; s/^  \([a-z][a-z-]*\)$/\1/p')
missing=
for c in $commands; do
  printf '%s\n' "$text" | grep -q "^\.SS \"$c " || missing="$missing $c"
done
[ -n "$commands" ] || missing="no commands in drilldesk-cli --help"
result "every subcommand has a section (/dd/man/commands)" "${missing:+missing:$missing}"

missing=
for c in $commands; do
  section=$(printf '%s\n' "$text" | sed -n "/^\.SS \"$c /,/^\.S[SH] /p")
  for opt in $(LC_ALL=C "$cli" "$c" --help | sed -n '/^Application Options:/,$p' \
               | grep -oE '(^|[ ,])--?[a-z][a-z-]*' | tr -d ' ,'); do
    case $opt in
      --*) printf '%s\n' "$section" | grep -qE "(^|[ \"])$opt(\$|[ =\"]|\\\\f)" || missing="$missing $c:$opt" ;;
      *) printf '%s\n' "$section" | grep -qE "(^|[ \"])$opt(\$|[ \",])" || missing="$missing $c:$opt" ;;
    esac
  done
done
result "every option of every subcommand is described (/dd/man/options)" "${missing:+missing:$missing}"

missing=
statuses=$(LC_ALL=C "$cli" --help | sed -n 's/^Exit status: //p' | grep -oE '(^|, )[0-9]+' | tr -d ', ')
for s in $statuses; do
  printf '%s\n' "$text" | sed -n '/^\.SH EXIT STATUS/,/^\.SH /p' | grep -qx "\.B $s" || missing="$missing $s"
done
[ -n "$statuses" ] || missing="no exit statuses in drilldesk-cli --help"
result "every exit status is explained (/dd/man/exit-status)" "${missing:+missing:$missing}"
exit $failed
