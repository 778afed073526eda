#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# test-flatpak.py — the Flatpak manifest is one flatpak-builder reads and one
# the project's rules allow (TAP): GNOME runtime at a stable numeric version,
# exactly the four finish-args (no network, no file system), the app built
# with meson from a dir source with its tests run.
#   test-flatpak.py MANIFEST
import json
import re
import shutil
import subprocess
import sys

manifest_path = sys.argv[1]
results = []


def check(name, ok, detail=""):
    results.append((name, ok, detail))


with open(manifest_path, encoding="utf-8") as f:
    manifest = json.load(f)

check("/dd/flatpak/app-id", manifest.get("id") == "io.github.drilldesk.DrillDesk",
      manifest.get("id", ""))
check("/dd/flatpak/runtime",
      manifest.get("runtime") == "org.gnome.Platform" and manifest.get("sdk") == "org.gnome.Sdk"
      and re.fullmatch(r"[0-9]+", str(manifest.get("runtime-version", ""))) is not None,
      "%s %s" % (manifest.get("runtime"), manifest.get("runtime-version")))
check("/dd/flatpak/finish-args",
      sorted(manifest.get("finish-args", [])) ==
      sorted(["--device=dri", "--share=ipc", "--socket=wayland", "--socket=fallback-x11"]),
      " ".join(manifest.get("finish-args", [])))

modules = manifest.get("modules", [])
app = modules[-1] if modules else {}
sources = app.get("sources", [])
check("/dd/flatpak/app-module",
      app.get("buildsystem") == "meson" and app.get("run-tests") is True
      and any(s.get("type") == "dir" for s in sources)
      and not any(s.get("type") in ("archive", "git", "file") and "url" in s for s in sources),
      json.dumps(app, ensure_ascii=False)[:200])
check("/dd/flatpak/command", manifest.get("command") == "drilldesk", manifest.get("command", ""))

builder = shutil.which("flatpak-builder")
if builder:
    proc = subprocess.run([builder, "--show-manifest", manifest_path],
                          capture_output=True, text=True)
    check("/dd/flatpak/show-manifest", proc.returncode == 0, proc.stderr.strip()[:300])
else:
    results.append(("/dd/flatpak/show-manifest", None, "flatpak-builder not installed"))

print("1..%d" % len(results))
failed = False
for i, (name, ok, detail) in enumerate(results, 1):
    if ok is None:
        print("ok %d %s # SKIP %s" % (i, name, detail))
    elif ok:
        print("ok %d %s" % (i, name))
    else:
        failed = True
        print("not ok %d %s" % (i, name))
        print("# %s" % detail)
sys.exit(1 if failed else 0)
