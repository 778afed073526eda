#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# update-po.sh — refresh assets/po/POTFILES and merge new strings into every catalogue
#
#   tools/update-po.sh
#
# Lists the files that hold translatable strings, extracts them (the keywords
# of meson's glib preset), merges them into assets/po/<lang>.po without fuzzy
# guesses, drops obsolete entries, and prints what is left untranslated.
set -eu

cd "$(dirname "$0")/.."
po=assets/po
pot=$(mktemp --suffix=.pot)
trap 'rm -f "$pot"' EXIT

{
  echo "# Files with translatable strings (paths from the source root)"
  grep -rlE '(\b_|\bN_|\bC_|g_dngettext|ngettext)[[:space:]]*\("' app --include='*.c' | sort
  grep -l 'translatable="yes"' ui/*.ui ui/gtk/*.ui
  echo assets/io.github.drilldesk.DrillDesk.desktop.in
  echo assets/io.github.drilldesk.DrillDesk.metainfo.xml.in
  echo assets/io.github.drilldesk.DrillDesk.gschema.xml
} > $po/POTFILES

grep -v '^#' $po/POTFILES | xgettext --from-code=UTF-8 --add-comments=Translators \
  --package-name=drilldesk \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2 \
  --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_set_error:4:c-format \
  -f - -o "$pot"

for lang in $(grep -v '^#' $po/LINGUAS); do
  msgmerge -q --backup=none --no-fuzzy-matching -U $po/$lang.po "$pot"
  msgattrib --no-obsolete -o $po/$lang.po $po/$lang.po
  printf '%s: ' "$lang"
  msgfmt --check --statistics -o /dev/null $po/$lang.po
  msgattrib --untranslated --no-wrap $po/$lang.po | grep '^msgid ' | grep -v '^msgid ""$' || true
done
