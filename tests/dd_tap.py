# SPDX-License-Identifier: GPL-3.0-or-later
# dd_tap.py — checks collected and printed as TAP, for the Python tests
results = []


def check(name, ok, detail=""):
    results.append((name, bool(ok), detail, None))


def skip(name, why):
    """A check that cannot run here (a reader make test installs is absent,
    as in a Flatpak build): reported as a TAP skip, never as a pass."""
    results.append((name, True, "", why))


def finish():
    print("1..%d" % len(results))
    for i, (name, ok, detail, skipped) in enumerate(results, 1):
        if skipped:
            print("ok %d - %s # SKIP %s" % (i, name, skipped))
            continue
        print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
        if not ok and detail:
            for line in str(detail).splitlines()[:10]:
                print("# " + line)
