# SPDX-License-Identifier: GPL-3.0-or-later
# dd_tap.py — checks collected and printed as TAP, for the Python tests
results = []


def check(name, ok, detail=""):
    results.append((name, bool(ok), detail))


def finish():
    print("1..%d" % len(results))
    for i, (name, ok, detail) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
        if not ok and detail:
            for line in str(detail).splitlines()[:10]:
                print("# " + line)
