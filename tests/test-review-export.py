#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# test-review-export.py — the after-action review as drilldesk-cli report
# writes it from a bundled flawed run (TAP):
# - the official style (GB/T 9704-2012): A4, every word of the text inside
#   the 156 × 225 mm text area (margins 37/35/28/26 mm, pdftotext -bbox),
#   body lines on the 22-line grid with 28 characters, the page numbers
#   "— n —" 7 mm under the text area, right on odd pages and left on even
#   ones, the masthead's marks and the date written out;
# - the .docx: a WordprocessingML package (content types, relationships,
#   every part well-formed by xmllint, headings as Word headings, tables,
#   pictures, East Asian face names), whose paragraphs come in the order
#   the PDF of the same review prints them;
# - the .xlsx: sheets of findings, scores and the improvement plan, a frozen
#   header, the findings of `score --json` with their clauses, date-time
#   cells, and a planted formula stored as text, never as a formula;
# - both read by real readers, as an office would open them: pandoc turns
#   the .docx into text that has every section heading, and Debian's
#   python3-openpyxl opens the .xlsx and finds date cells and no formula
#   (skipped, as TAP skips, where those readers are absent: a Flatpak build).
#   test-review-export.py CLI SOURCE_ROOT
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile

import shutil

from dd_tap import check, finish, skip

cli, root = sys.argv[1:3]
scenario = os.path.join(root, "scenarios", "ransomware-gov-cloud", "scenario.xml")
actions = os.path.join(root, "scenarios", "ransomware-gov-cloud", "flawed.actions.xml")
MM = 72.0 / 25.4
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"

def run(*args, env=None):
    return subprocess.run([cli, *args], capture_output=True, text=True, env=env)


def words(pdf):
    """Every word of every page: (page, xmin, ymin, xmax, ymax, text)."""
    html = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True).stdout
    out, page = [], 0
    for line in html.splitlines():
        if "<page " in line:
            page += 1
            w, h = (float(v) for v in re.search(r'width="([\d.]+)" height="([\d.]+)"', line).groups())
            out.append((page, "page", w, h))
        m = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)
        if m:
            out.append((page, float(m[1]), float(m[2]), float(m[3]), float(m[4]), m[5]))
    return out


def squash(text):
    return re.sub(r"\s+", "", text)


with tempfile.TemporaryDirectory() as tmp:
    journal = os.path.join(tmp, "flawed.jsonl")
    r = run("run", scenario, "--actions", actions, "--journal", journal)
    check("/dd/review-export/run", r.returncode in (0, 1) and os.path.exists(journal), r.stderr)
    sidecar = os.path.join(tmp, "review.json")
    with open(sidecar, "w", encoding="utf-8") as f:
        json.dump({"improvements": [
            {"action": "=HYPERLINK(\"http://example.invalid\",\"x\")", "clause": "4.1", "owner": "bigdata", "due": "2027-01-15"},
            {"action": "修订值班表", "clause": "8.4", "owner": "office"}]}, f, ensure_ascii=False)

    # ---- official style --------------------------------------------------
    official = os.path.join(tmp, "official.pdf")
    r = run("report", scenario, journal, "--style", "official", "--date", "2026-12-06",
            "--copy-number", "000042", "--urgency", "URGENT", "-o", official)
    check("/dd/review-export/official-written", r.returncode == 0 and os.path.getsize(official) > 0, r.stderr)
    check("/dd/review-export/official-says-faces", "Noto" in r.stdout or "FangSong" in r.stdout, r.stdout)
    ws = words(official)
    pages = [w for w in ws if w[1] == "page"]
    body = [w for w in ws if w[1] != "page"]
    sizes = {(round(w[2]), round(w[3])) for w in pages}
    check("/dd/review-export/official-a4", (595, 842) in sizes, str(sizes))
    portrait = {w[0] for w in pages if w[2] < w[3]}
    left, right, top, bottom = 28 * MM, 595.276 - 26 * MM, 37 * MM, 841.89 - 35 * MM
    numbers = [w for w in body if w[5].isdigit() and w[2] > bottom]
    # Text of 10 pt and more (the figures' own small labels are theirs)
    text = [w for w in body if w[0] in portrait and w not in numbers and w[4] - w[2] >= 13
            and not (w[5] == "\u2014" and w[2] > bottom)]
    outside = [w for w in text if w[1] < left - 0.5 or w[3] > right + 0.5 or w[2] < top - 0.5 or w[4] > bottom + 0.5]
    check("/dd/review-export/official-text-area", text and not outside,
          "outside 156x225 mm: %s" % outside[:5])
    xs = [w[1] for w in text]
    check("/dd/review-export/official-left-margin", abs(min(xs) - left) < 1.0, "leftmost word at %.1f, want %.1f" % (min(xs), left))
    # Page numbers: "— n —", 7 mm under the text area, outside
    ok, detail = True, []
    for p in sorted(portrait):
        line = [w for w in body if w[0] == p and w[2] > bottom]
        label = " ".join(w[5] for w in sorted(line, key=lambda w: w[1]))
        if label != "\u2014 %d \u2014" % p:
            ok = False
            detail.append("page %d: %r" % (p, label))
            continue
        digit = [w for w in line if w[5].isdigit()][0]
        # the glyph box's top is the face's ascent, above the figures' ink
        if not (bottom + 7 * MM - 8 <= digit[2] <= bottom + 7 * MM):
            ok = False
            detail.append("page %d number top at %.1f, want %.1f" % (p, digit[2], bottom + 7 * MM))
        x0, x1 = min(w[1] for w in line), max(w[3] for w in line)
        if (p % 2 == 1 and not (right - 14 - 3 <= x1 <= right - 14 + 3)) or \
           (p % 2 == 0 and not (left + 14 - 3 <= x0 <= left + 14 + 3)):
            ok = False
            detail.append("page %d number at %.1f–%.1f" % (p, x0, x1))
    check("/dd/review-export/official-page-numbers", ok and len(portrait) >= 5, "; ".join(detail[:5]))
    # The line grid: body lines 225/22 mm apart; a full line holds 28 characters
    pitch = 225 * MM / 22
    flat = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", official, "-"],
                          capture_output=True, text=True).stdout
    check("/dd/review-export/official-marks", "000042" in flat and "URGENT" in flat, flat[:300])
    html = subprocess.run(["pdftotext", "-bbox-layout", "-f", "1", "-l", "3", official, "-"],
                          capture_output=True, text=True).stdout
    lines = []
    for m in re.finditer(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', html, re.S):
        chars = "".join(re.findall(r">([^<]*)</word>", m[5]))
        lines.append((float(m[1]), float(m[2]), float(m[3]), chars))
    cjk_full = [l for l in lines if abs(l[0] - left) < 1 and abs(l[2] - right) < 16 * 0.6
                and all("\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef" for c in l[3])]
    check("/dd/review-export/official-28-characters", cjk_full and all(len(l[3]) == 28 for l in cjk_full),
          str([(len(l[3]), l[3]) for l in cjk_full[:4]]))
    tops = sorted({round(l[1], 1) for l in lines if abs(l[0] - left) < 1})
    steps = [b - a for a, b in zip(tops, tops[1:]) if abs(b - a - pitch) < 2]
    check("/dd/review-export/official-line-grid", len(steps) >= 5 and all(abs(s - pitch) < 0.3 for s in steps),
          "pitch %.2f, steps %s" % (pitch, steps[:8]))

    # The masthead: the issuing office's mark 35 mm under the top of the text
    # area (§7.2.4); under zh_CN the date written out and headings （一）
    zh = dict(os.environ, LANGUAGE="zh_CN", LANG="zh_CN.UTF-8", LC_ALL="zh_CN.UTF-8")
    official_zh = os.path.join(tmp, "official-zh.pdf")
    r = subprocess.run([cli, "report", scenario, journal, "--style", "official", "--date", "2026-12-06",
                        "-o", official_zh], capture_output=True, text=True, env=zh)
    zh_text = subprocess.run(["pdftotext", official_zh, "-"], capture_output=True, text=True).stdout
    check("/dd/review-export/official-zh-date", "二〇二六年十二月六日" in zh_text and "（一）" in zh_text
          and "一、" in zh_text, zh_text[-400:])
    first = [w for w in words(official_zh) if w[0] == 1 and w[1] != "page"]
    office = sorted((w for w in first if w[4] - w[2] > 30), key=lambda w: w[2])
    check("/dd/review-export/official-masthead", office and abs(office[0][2] - (top + 35 * MM)) < 6,
          "mark at %s, want top %.1f" % ([(w[2], w[5]) for w in office[:2]], top + 35 * MM))
    docx_official = os.path.join(tmp, "official.docx")
    r = run("report", scenario, journal, "--style", "official", "-o", docx_official)
    z = zipfile.ZipFile(docx_official)
    settings = z.read("word/settings.xml").decode()
    footer2 = z.read("word/footer2.xml").decode()
    styles_official = z.read("word/styles.xml").decode()
    document_official = z.read("word/document.xml").decode()
    check("/dd/review-export/official-docx",
          "evenAndOddHeaders" in settings and 'w:val="left"' in footer2 and "PAGE" in footer2
          and 'w:eastAsia="FangSong"' in styles_official and 'w:eastAsia="SimHei"' in styles_official
          and 'w:linePitch="580"' in document_official and 'w:top="2098"' in document_official,
          settings + footer2[:200])

    # ---- docx -----------------------------------------------------------
    docx = os.path.join(tmp, "review.docx")
    pdf = os.path.join(tmp, "review.pdf")
    r1 = run("report", scenario, journal, "--date", "2026-12-06", "--sidecar", sidecar, "-o", docx)
    r2 = run("report", scenario, journal, "--date", "2026-12-06", "--sidecar", sidecar, "-o", pdf)
    check("/dd/review-export/docx-written", r1.returncode == 0 and r2.returncode == 0, r1.stderr + r2.stderr)
    z = zipfile.ZipFile(docx)
    names = z.namelist()
    check("/dd/review-export/docx-content-types-first", names[0] == "[Content_Types].xml", str(names[:3]))
    types = ET.fromstring(z.read("[Content_Types].xml"))
    overrides = {o.get("PartName"): o.get("ContentType") for o in types}
    check("/dd/review-export/docx-content-types",
          overrides.get("/word/document.xml", "").endswith("wordprocessingml.document.main+xml")
          and all("/" + n in overrides or n.rsplit(".", 1)[-1] in ("rels", "png") for n in names if n.endswith(".xml")
                  and n != "[Content_Types].xml"), str(overrides))
    bad = []
    for n in names:
        if n.endswith(".xml") or n.endswith(".rels"):
            p = os.path.join(tmp, "part.xml")
            with open(p, "wb") as f:
                f.write(z.read(n))
            if subprocess.run(["xmllint", "--noout", "--nonet", p], capture_output=True).returncode != 0:
                bad.append(n)
    check("/dd/review-export/docx-well-formed", not bad, str(bad))
    rels = ET.fromstring(z.read("word/_rels/document.xml.rels"))
    targets = {"word/" + r.get("Target") for r in rels}
    root_rels = ET.fromstring(z.read("_rels/.rels"))
    check("/dd/review-export/docx-relationships",
          all(t in names for t in targets) and any(r.get("Target") == "word/document.xml" for r in root_rels),
          str(sorted(targets - set(names))))
    doc = ET.fromstring(z.read("word/document.xml"))
    styles = ET.fromstring(z.read("word/styles.xml"))
    style_names = {s.get(W + "styleId"): s.find(W + "name").get(W + "val") for s in styles.iter(W + "style")}
    check("/dd/review-export/docx-heading-styles",
          style_names.get("Heading1") == "heading 1" and style_names.get("Heading2") == "heading 2", str(style_names))
    east = {f.get(W + "eastAsia") for f in styles.iter(W + "rFonts")}
    check("/dd/review-export/docx-east-asian-faces", "Noto Serif CJK SC" in east and "Noto Sans CJK SC" in east, str(east))
    bodyel = doc.find(W + "body")
    tables = bodyel.findall(W + "tbl")
    pictures = list(doc.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}blip"))
    check("/dd/review-export/docx-tables-and-pictures", len(tables) >= 8 and len(pictures) >= 3,
          "%d tables, %d pictures" % (len(tables), len(pictures)))
    paras = []
    for el in bodyel:
        if el.tag == W + "p":
            t = squash("".join(x.text or "" for x in el.iter(W + "t")))
            st = el.find(W + "pPr/" + W + "pStyle")
            if t:
                paras.append((st.get(W + "val") if st is not None else "", t))
    heads = [t for s, t in paras if s in ("Heading1", "Heading2")]
    check("/dd/review-export/docx-sections", len(heads) >= 12 and heads[0].startswith("1."), str(heads[:4]))
    printed = squash(subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout)
    pos, missing = 0, []
    for s, t in paras:
        key = t[:12]
        at = printed.find(key, pos)
        if at < 0:
            missing.append(key)
        else:
            pos = at + len(key)
    check("/dd/review-export/docx-order-as-pdf", len(paras) > 40 and not missing,
          "%d paragraphs; not found in order: %s" % (len(paras), missing[:5]))
    cells = [squash("".join(x.text or "" for x in tc.iter(W + "t"))) for t in tables for tc in t.iter(W + "tc")]
    check("/dd/review-export/docx-improvement-table", any("HYPERLINK" in c for c in cells) and "修订值班表" in cells, str(cells[:12]))

    if shutil.which("pandoc"):
        plain = squash(subprocess.run(["pandoc", "-f", "docx", "-t", "plain", docx],
                                      capture_output=True, text=True).stdout)
        lost = [h for h in heads if h[:12] not in plain]
        check("/dd/review-export/docx-read-by-pandoc", len(plain) > 2000 and not lost,
              "%d characters; headings pandoc does not show: %s" % (len(plain), lost[:5]))
    else:
        skip("/dd/review-export/docx-read-by-pandoc", "pandoc not installed")

    # ---- xlsx -----------------------------------------------------------
    xlsx = os.path.join(tmp, "review.xlsx")
    r = run("report", scenario, journal, "--sidecar", sidecar, "-o", xlsx)
    check("/dd/review-export/xlsx-written", r.returncode == 0, r.stderr)
    score = json.loads(run("score", scenario, journal, "--json").stdout or "{}")
    z = zipfile.ZipFile(xlsx)
    strings = ["".join(t.text or "" for t in si.iter(S + "t"))
               for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall(S + "si")]
    book = ET.fromstring(z.read("xl/workbook.xml"))
    sheet_names = [s.get("name") for s in book.iter(S + "sheet")]
    check("/dd/review-export/xlsx-sheets", sheet_names == ["Findings", "Scores", "Improvement plan"], str(sheet_names))

    def sheet(n):
        x = ET.fromstring(z.read("xl/worksheets/sheet%d.xml" % n))
        rows = {}
        for c in x.iter(S + "c"):
            ref = c.get("r")
            v = c.find(S + "v")
            val = None if v is None else (strings[int(v.text)] if c.get("t") == "s" else float(v.text))
            rows[ref] = (val, c.get("t"), c.find(S + "f") is not None, c.get("s"))
        return x, rows

    x1, f1 = sheet(1)
    pane = x1.find(".//" + S + "pane")
    check("/dd/review-export/xlsx-header-frozen", pane is not None and pane.get("state") == "frozen" and pane.get("ySplit") == "1")
    findings = score.get("findings", [])
    clauses = [f1.get("B%d" % (i + 2), (None,))[0] for i in range(len(findings))]
    check("/dd/review-export/xlsx-findings", len(findings) > 3 and clauses == [f["clause"] for f in findings]
          and f1.get("B%d" % (len(findings) + 2)) is None, "%s vs %s" % (clauses[:5], [f["clause"] for f in findings][:5]))
    deductions = [f1.get("H%d" % (i + 2), (None,))[0] for i in range(len(findings))]
    check("/dd/review-export/xlsx-deductions", deductions == [f.get("weight") for f in findings],
          "%s vs %s" % (deductions[:5], [f.get("weight") for f in findings][:5]))
    dates = [f1.get("D%d" % (i + 2)) for i in range(len(findings))]
    check("/dd/review-export/xlsx-date-cells", dates and all(d is not None and d[1] is None and 45000 < d[0] < 47000 for d in dates if d),
          str(dates[:3]))
    _, f2 = sheet(2)
    kinds = {v[0] for k, v in f2.items() if k.startswith("A")}
    letters = {v[0] for k, v in f2.items() if k.startswith("E") and isinstance(v[0], str) and len(v[0]) == 1}
    check("/dd/review-export/xlsx-scores", {"Phase", "Objective", "Overall"} <= kinds and letters <= set("PSMU-") and letters,
          "%s %s" % (kinds, letters))
    _, f3 = sheet(3)
    planted = f3.get("B2")
    check("/dd/review-export/xlsx-formula-neutralised",
          planted is not None and planted[1] == "s" and not planted[2] and planted[0].startswith("'=HYPERLINK")
          and not any(v[2] for v in list(f1.values()) + list(f2.values()) + list(f3.values())), str(planted))
    check("/dd/review-export/xlsx-due-date", f3.get("E2") is not None and f3["E2"][1] is None and f3["E2"][0] == 46402.0,
          str(f3.get("E2")))

    openpyxl = """
import datetime, sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1])
sheets = book.worksheets
dates = [c.value for c in sheets[0]["D"][1:] if c.value is not None]
formulas = [c.coordinate for ws in sheets for row in ws.iter_rows() for c in row if c.data_type == "f"]
print(len(sheets), len(dates), all(isinstance(d, datetime.datetime) for d in dates),
      isinstance(sheets[2]["E2"].value, datetime.datetime), len(formulas), sheets[2]["B2"].value[:11])
"""
    have = subprocess.run(["/usr/bin/python3", "-c", "import openpyxl"], capture_output=True).returncode == 0 \
        if os.path.exists("/usr/bin/python3") else False
    if have:
        r = subprocess.run(["/usr/bin/python3", "-c", openpyxl, xlsx], capture_output=True, text=True)
        check("/dd/review-export/xlsx-read-by-openpyxl",
              r.returncode == 0 and r.stdout.split() == ["3", str(len(findings)), "True", "True", "0", "'=HYPERLINK"],
              r.stdout + r.stderr)
    else:
        skip("/dd/review-export/xlsx-read-by-openpyxl", "python3-openpyxl not installed")

    # ---- refused --------------------------------------------------------
    r = run("report", scenario, journal, "-o", os.path.join(tmp, "review.odt"))
    check("/dd/review-export/unknown-ending", r.returncode != 0 and "review.odt" in r.stderr, r.stderr)
    r = run("report", scenario, journal, "--style", "fancy", "-o", pdf)
    check("/dd/review-export/unknown-style", r.returncode == 2 and "fancy" in r.stderr, r.stderr)

finish()
