#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# test-flatpak.py — the Flatpak manifests and the metainfo are ones Flathub
# would build and accept, as far as can be checked offline (TAP):
# - the Flathub manifest: a supported GNOME runtime (50 or newer, numeric),
#   exactly the four finish-args of style.md (no network, no file system:
#   files through the portal), the app built with meson with its tests run,
#   from a git source (https URL, tag or commit) or an archive (URL and
#   sha256), never a local dir;
# - the local development manifest (.Devel): the same runtime and
#   finish-args, the working tree as a dir source, -Ddevelopment=true;
# - the metainfo: the rules of flatpak-builder-lint that need no network
#   (id and launchable, developer name and id, OARS content rating,
#   releases with the project's version first, screenshots with captions,
#   light and dark brand colours);
# - flatpak-builder --show-manifest reads both manifests.
#   test-flatpak.py MANIFEST DEVEL_MANIFEST METAINFO_IN PROJECT_VERSION
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

manifest_path, devel_path, metainfo_path, version = sys.argv[1:5]
app_id = "io.github.drilldesk.DrillDesk"
finish_args = ["--device=dri", "--share=ipc", "--socket=wayland", "--socket=fallback-x11"]
results = []


def check(name, ok, detail=""):
    results.append((name, bool(ok), detail))


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def runtime_ok(m):
    v = str(m.get("runtime-version", ""))
    return (m.get("runtime") == "org.gnome.Platform" and m.get("sdk") == "org.gnome.Sdk"
            and re.fullmatch(r"[0-9]+", v) is not None and int(v) >= 50)


def app_module(m):
    modules = m.get("modules", [])
    return modules[-1] if modules else {}


def remote_source_ok(s):
    if s.get("type") == "git":
        return (str(s.get("url", "")).startswith("https://") and ("tag" in s or "commit" in s)
                and "branch" not in s and "path" not in s)
    if s.get("type") == "archive":
        return str(s.get("url", "")).startswith("https://") and re.fullmatch(r"[0-9a-f]{64}", s.get("sha256", ""))
    return False


manifest = load(manifest_path)
devel = load(devel_path)

check("/dd/flatpak/app-id", manifest.get("id") == app_id and manifest_path.endswith(app_id + ".json"),
      manifest.get("id", ""))
check("/dd/flatpak/runtime", runtime_ok(manifest),
      "%s %s (GNOME 50 or newer; 47 is end-of-life)" % (manifest.get("runtime"), manifest.get("runtime-version")))
check("/dd/flatpak/finish-args", sorted(manifest.get("finish-args", [])) == sorted(finish_args),
      " ".join(manifest.get("finish-args", [])))
check("/dd/flatpak/command", manifest.get("command") == "drilldesk", manifest.get("command", ""))
app = app_module(manifest)
sources = app.get("sources", [])
check("/dd/flatpak/app-module", app.get("buildsystem") == "meson" and app.get("run-tests") is True,
      json.dumps(app, ensure_ascii=False)[:200])
check("/dd/flatpak/flathub-source",
      sources and all(remote_source_ok(s) for s in sources if s.get("type") in ("git", "archive", "dir"))
      and any(remote_source_ok(s) for s in sources)
      and not any(s.get("type") == "dir" for s in sources),
      json.dumps(sources, ensure_ascii=False)[:300])

check("/dd/flatpak/devel-id", devel.get("id") == app_id + ".Devel", devel.get("id", ""))
check("/dd/flatpak/devel-same-runtime",
      runtime_ok(devel) and devel.get("runtime-version") == manifest.get("runtime-version")
      and sorted(devel.get("finish-args", [])) == sorted(finish_args)
      and devel.get("command") == manifest.get("command"),
      "%s %s" % (devel.get("runtime-version"), " ".join(devel.get("finish-args", []))))
dapp = app_module(devel)
check("/dd/flatpak/devel-module",
      dapp.get("buildsystem") == "meson" and dapp.get("run-tests") is True
      and any(s.get("type") == "dir" for s in dapp.get("sources", []))
      and "-Ddevelopment=true" in dapp.get("config-opts", []),
      json.dumps(dapp, ensure_ascii=False)[:200])

# The metainfo, as written (before the build merges translations)
text = open(metainfo_path, encoding="utf-8").read().replace("@APP_ID@", app_id)
component = ET.fromstring(text.encode("utf-8"))
check("/dd/metainfo/id-launchable",
      component.findtext("id") == app_id
      and any(l.get("type") == "desktop-id" and l.text == app_id + ".desktop"
              for l in component.findall("launchable")),
      component.findtext("id", ""))
developer = component.find("developer")
check("/dd/metainfo/developer",
      developer is not None and re.fullmatch(r"[a-z0-9]+(\.[a-z0-9_-]+)+", developer.get("id", "") or "")
      and (developer.findtext("name") or "").strip() != ""
      and (component.findtext("developer_name") or "").strip() == developer.findtext("name").strip(),
      "a <developer id=\"…\"><name> (AppStream 1.0), and <developer_name> alike for Debian 12's 0.16")
rating = component.find("content_rating")
check("/dd/metainfo/content-rating", rating is not None and rating.get("type") == "oars-1.1", "")
releases = component.findall("releases/release")
check("/dd/metainfo/releases",
      releases and releases[0].get("version") == version
      and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r.get("date", "")) for r in releases),
      "newest release %s, project %s" % (releases[0].get("version") if releases else None, version))
shots = component.findall("screenshots/screenshot")
check("/dd/metainfo/screenshots",
      shots and sum(1 for s in shots if s.get("type") == "default") == 1
      and all((s.findtext("caption") or "").strip() and
              (s.findtext("image") or "").startswith("https://") for s in shots),
      "%d screenshots" % len(shots))
colours = {c.get("scheme_preference"): c.text for c in component.findall("branding/color")
           if c.get("type") == "primary"}
check("/dd/metainfo/branding",
      set(colours) == {"light", "dark"} and colours["light"] != colours["dark"]
      and all(re.fullmatch(r"#[0-9a-fA-F]{6}", c or "") for c in colours.values()),
      json.dumps(colours))

builder = shutil.which("flatpak-builder")
for name, path in (("/dd/flatpak/show-manifest", manifest_path), ("/dd/flatpak/show-devel-manifest", devel_path)):
    if builder:
        proc = subprocess.run([builder, "--show-manifest", path], capture_output=True, text=True)
        check(name, proc.returncode == 0, proc.stderr.strip()[:300])
    else:
        results.append((name, None, "flatpak-builder not installed"))

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
