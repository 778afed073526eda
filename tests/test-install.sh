#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# test-install.sh — `meson install --destdir` puts everything where the
# packages (debian/, flatpak/) and the program expect it, under the prefix:
# the programs, the plan, the scenarios with their attachments, the schemas,
# the desktop file, the metainfo, the settings schema, the icons, the
# translations and the manual pages (TAP).
#   test-install.sh BUILD_DIR SOURCE_ROOT PREFIX APP_ID
set -u
build=$1
src=$2
prefix=$3
app_id=$4
dest=$(mktemp -d) || exit 1
trap 'rm -rf "$dest"' EXIT

echo "1..2"
if out=$(meson install -C "$build" --no-rebuild --destdir "$dest" 2>&1); then
  echo "ok 1 - meson install --destdir (/dd/install/runs)"
else
  echo "not ok 1 - meson install --destdir (/dd/install/runs)"
  printf '%s\n' "$out" | tail -n 20 | sed 's/^/# /'
  echo "not ok 2 - installed files (/dd/install/files) # nothing installed"
  exit 1
fi

root=$dest$prefix
expected="bin/drilldesk-cli
share/drilldesk/plans/jincheng-2020.xml
share/drilldesk/schema/plan.rng
share/drilldesk/schema/scenario.rng
share/drilldesk/schema/actions.rng
share/applications/$app_id.desktop
share/metainfo/$app_id.metainfo.xml
share/glib-2.0/schemas/$app_id.gschema.xml
share/icons/hicolor/scalable/apps/$app_id.svg
share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg
share/man/man1/drilldesk-cli.1"
[ ! -x "$build/app/drilldesk" ] || expected="$expected
bin/drilldesk
share/man/man1/drilldesk.1"
for lang in $(grep -v '^#' "$src/assets/po/LINGUAS"); do
  expected="$expected
share/locale/$lang/LC_MESSAGES/drilldesk.mo"
done
# Every bundled scenario's files, attachments included, as in the source
expected="$expected
$(cd "$src" && find scenarios -type f | sort | sed 's|^|share/drilldesk/|')"

missing=
for f in $expected; do
  [ -f "$root/$f" ] || missing="$missing
$prefix/$f"
done
if [ -z "$missing" ]; then
  echo "ok 2 - installed files (/dd/install/files)"
else
  echo "not ok 2 - installed files (/dd/install/files)"
  printf 'missing:%s\n' "$missing" | sed 's/^/# /'
  exit 1
fi
