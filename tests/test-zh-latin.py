#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# test-zh-latin.py — under zh_CN no English sentence reaches the user (TAP):
# drilldesk-cli's help of every command, its refusals of bad input
# (validate on the broken fixtures, a usage error), score and plan, and the
# after-action review as PDF in both styles (pdftotext) are read for runs of
# three or more English words in a row.  Ids, file names, option names,
# metavariables in capitals, units and times (T+15, 0:25), clause numbers,
# hashes and a short list of names (PDF, SHA-256, GB/T 9704, font faces)
# are not sentences.  The checker itself must catch a planted sentence.
#   test-zh-latin.py CLI SOURCE_ROOT
import glob
import os
import re
import subprocess
import sys
import tempfile

from dd_tap import check, finish

cli, root = sys.argv[1:3]
env = dict(os.environ, LANGUAGE="zh_CN", LANG="zh_CN.UTF-8", LC_ALL="zh_CN.UTF-8")
scenario_dir = os.path.join(root, "scenarios", "ransomware-gov-cloud")
scenario = os.path.join(scenario_dir, "scenario.xml")

# Names that are the same in every language, removed before looking
ALLOWED = [
    r"Noto (?:Serif|Sans)(?: Mono)? CJK (?:SC|TC|JP|KR|HK)",
    r"GB/T \d+(?:-\d+)?",
    r"SHA-256", r"RELAX NG", r"UTF-8(?: with BOM)?", r"JSON Lines",
    r"Word", r"Excel", r"WPS", r"PDF", r"CSV", r"SVG", r"PNG", r"XML", r"HSEEP",
    r"drilldesk(?:-cli)?",
]
ALLOWED_RE = re.compile("|".join("(?:%s)" % a for a in ALLOWED))
# An English word: letters only, with a lower-case letter (capitals alone
# are metavariables or acronyms: FILE, SCENARIO, PDF)
WORD = r"[A-Za-z]*[a-z][A-Za-z]*(?:'[a-z]+)?"
SENTENCE_RE = re.compile(r"(?<![\w./+-])%s(?:[ ,;:]{1,2}%s){2,}(?![\w/+-])" % (WORD, WORD))


def latin_sentences(text):
    text = ALLOWED_RE.sub(" ", text)
    # option names, ids and file names: anything with - _ / = @ or a digit,
    # or a dot inside it
    text = re.sub(r"\S*[-_/=0-9@]\S*|\S+\.\w\S*", " ", text)
    return [m.group(0) for m in SENTENCE_RE.finditer(text)]


def run(*args):
    r = subprocess.run([cli, *args], capture_output=True, text=True, env=env)
    return r.stdout + r.stderr


def check_text(name, text):
    found = latin_sentences(text)
    check(name, not found and text.strip(), "English left: %s" % found[:8] if found else "no output")


# The checker catches what it is for, and lets through what it must
planted = "演练已结束。The drill was interrupted before its end. 见 Noto Serif CJK SC、--style official、T+15、SHA-256。"
check("/dd/zh-latin/catches-a-planted-sentence",
      latin_sentences(planted) == ["The drill was interrupted before its end"], str(latin_sentences(planted)))
check("/dd/zh-latin/lets-names-through",
      latin_sentences("字体 Noto Sans Mono CJK SC；GB/T 9704-2012；drilldesk-cli report FILE SCENARIO JOURNAL") == [])

check_text("/dd/zh-latin/help", run("--help"))
for command in ("validate", "run", "score", "report", "plan", "verify", "render"):
    check_text("/dd/zh-latin/help-%s" % command, run(command, "--help"))
check_text("/dd/zh-latin/usage-error", run("report"))
for path in sorted(glob.glob(os.path.join(root, "tests", "fixtures", "*bad*.xml")))[:12]:
    check_text("/dd/zh-latin/validate-%s" % os.path.basename(path)[:-4], run("validate", path))
check_text("/dd/zh-latin/plan", run("plan"))

with tempfile.TemporaryDirectory() as tmp:
    journal = os.path.join(tmp, "flawed.jsonl")
    run("run", scenario, "--actions", os.path.join(scenario_dir, "flawed.actions.xml"), "--journal", journal)
    check_text("/dd/zh-latin/score", run("score", scenario, journal))
    for style in ("report", "official"):
        pdf = os.path.join(tmp, "%s.pdf" % style)
        out = run("report", scenario, journal, "--style", style, "-o", pdf)
        text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout if os.path.exists(pdf) else ""
        check_text("/dd/zh-latin/report-%s-output" % style, out or "。")
        check_text("/dd/zh-latin/report-%s-pdf" % style, text)

finish()
