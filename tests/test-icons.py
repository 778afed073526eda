#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# test-icons.py — every icon the interface names is there to be shown: in the
# installed Adwaita icon theme (Debian 12's on a Debian build, the runtime's
# in a Flatpak build, whose SDK holds the same theme) or bundled in the
# application's resources (ui/drilldesk.gresource.xml, under
# RESOURCE_PREFIX/icons/, which GtkApplication adds to the icon theme).
# A name found nowhere shows as a broken image. TAP.
#   test-icons.py SOURCE_ROOT [THEME_DIR]
import os
import re
import sys
import xml.etree.ElementTree as ET

root = sys.argv[1]
theme_dir = sys.argv[2] if len(sys.argv) > 2 else "/usr/share/icons/Adwaita"
prefix = "/io/github/drilldesk/DrillDesk"
app_id = "io.github.drilldesk.DrillDesk"

# Where each name is used: .ui properties and C string literals
used = {}
ui_re = re.compile(r'<(?:property|attribute) name="(?:icon-name|icon_name|icon)"[^>]*>([^<]+)<')
c_literal_re = re.compile(r'"([a-z][a-z0-9-]*-symbolic)"')
c_call_re = re.compile(r'icon_name\s*\([^;]*?"([a-z][a-zA-Z0-9.-]*)"')
for folder in ("ui", "app"):
    for dirpath, _, files in os.walk(os.path.join(root, folder)):
        for name in sorted(files):
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            if name.endswith(".ui"):
                text = open(path, encoding="utf-8").read()
                found = ui_re.findall(text)
            elif name.endswith((".c", ".h")):
                text = open(path, encoding="utf-8").read()
                found = c_literal_re.findall(text) + c_call_re.findall(text)
                if re.search(r"icon_name\s*\([^;]*\bAPP_ID\b", text):
                    found.append(app_id)
            else:
                continue
            for icon in found:
                used.setdefault(icon.strip(), set()).add(rel)

# In the theme: any size or context, as .svg, .png or .symbolic.png
in_theme = set()
for dirpath, _, files in os.walk(theme_dir):
    for name in files:
        for suffix in (".symbolic.png", ".svg", ".png"):
            if name.endswith(suffix):
                in_theme.add(name[: -len(suffix)])
                break

# Bundled: files of the gresource under PREFIX/icons/<size>/<context>/
bundled = set()
gresource = ET.parse(os.path.join(root, "ui", "drilldesk.gresource.xml")).getroot()
for res in gresource.iter("gresource"):
    if res.get("prefix", "").startswith(prefix + "/icons/"):
        for f in res.iter("file"):
            alias = f.get("alias") or os.path.basename(f.text)
            if alias.endswith(".svg"):
                bundled.add(alias[: -len(".svg")])
                source = os.path.join(root, "ui", f.text)
                if not os.path.isfile(source):
                    bundled.discard(alias[: -len(".svg")])

# The application icon's PNGs (tools/render-app-icon.sh): each as big as the
# size folder it is bundled in says
png_sizes = []
for res in gresource.iter("gresource"):
    m = re.match(re.escape(prefix) + r"/icons/(\d+)x(\d+)/", res.get("prefix", "") + "/")
    if not m:
        continue
    for f in res.iter("file"):
        source = os.path.join(root, "ui", f.text)
        with open(source, "rb") as png:
            head = png.read(24)
        size = (int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big"))
        png_sizes.append((f.get("alias"), (int(m.group(1)), int(m.group(2))), size))

results = []
for alias, want, got in png_sizes:
    results.append(("/dd/icons/png-size/%dx%d/%s" % (want[0], want[1], alias), want == got,
                    "%dx%d pixels" % got))
results.append(("/dd/icons/theme-present", os.path.isdir(theme_dir) and len(in_theme) > 100,
                "%s: %d icons" % (theme_dir, len(in_theme))))
results.append(("/dd/icons/found-in-sources", len(used) >= 10,
                "%d icon names found in ui/ and app/" % len(used)))
for icon in sorted(used):
    ok = icon in in_theme or icon in bundled
    where = "theme" if icon in in_theme else "bundled" if icon in bundled else "missing"
    results.append(("/dd/icons/%s" % icon, ok,
                    "%s: used in %s" % (where, ", ".join(sorted(used[icon])))))

print("1..%d" % len(results))
failed = False
for i, (name, ok, detail) in enumerate(results, 1):
    print("%s %d %s # %s" % ("ok" if ok else "not ok", i, name, detail))
    failed = failed or not ok
sys.exit(1 if failed else 0)
