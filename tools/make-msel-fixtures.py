#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# make-msel-fixtures.py — writes tests/data/msel/: MSEL spreadsheets as
# Excel and WPS write them, and hostile ones, for tests/test-msel.c.
#
#   tools/make-msel-fixtures.py [OUTDIR]      (default tests/data/msel)
#
# The workbooks are zipped by hand (Python's zipfile) part by part, so each
# one holds exactly what the application it stands for writes:
# - excel.xlsx: as Microsoft Excel (Office 2016+) saves: docProps/app.xml
#   naming "Microsoft Excel", a shared string table (t="s", one rich-text
#   string with runs and a phonetic run), styles whose cell formats mark
#   times (numFmtId 20, h:mm) and dates (22, and a custom yyyy/m/d h:mm),
#   times typed as clock times stored as serial day numbers, a clause Excel
#   turned into the number 4.1, a line break in a cell, _x000D_ escapes.
# - wps.xlsx: as WPS 表格 saves: docProps/app.xml naming "WPS 表格",
#   docProps/custom.xml with KSOProductBuildVer, inline strings
#   (t="inlineStr") everywhere, numbers without a style, a sheet "Sheet1"
#   whose columns come in the designer's own order.
# - hostile ones: a zip bomb (a sheet inflating to 200 MB), an archive that
#   claims 60,000 entries, a truncated archive, 200,000 shared strings, a
#   formula, wrong types, a missing column, an unknown role (R12C4), a bad
#   time; CSVs: GBK-encoded, without a BOM, a quote never closed.
# The base scenario they fit is scenarios/ransomware-gov-cloud.
import datetime
import os
import sys
import zipfile
from xml.sax.saxutils import escape

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "tests", "data", "msel")
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
FIXED = datetime.datetime(2025, 6, 1, 9, 0, 0).timetuple()[:6]


def serial(dt):
    return (dt - datetime.datetime(1899, 12, 30)).total_seconds() / 86400


def col_name(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def write_zip(path, parts, compress=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compress) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, FIXED)
            info.compress_type = compress
            z.writestr(info, data if isinstance(data, bytes) else data.encode("utf-8"))


def content_types(extra=""):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            + extra + '</Types>')


def root_rels(custom=False):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{PKG}">'
            f'<Relationship Id="rId3" Type="{REL}/extended-properties" Target="docProps/app.xml"/>'
            f'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
            + (f'<Relationship Id="rId4" Type="{REL}/custom-properties" Target="docProps/custom.xml"/>' if custom else "")
            + '</Relationships>')


def workbook(sheet="Sheet1", date1904=False):
    pr = '<workbookPr date1904="1"/>' if date1904 else '<workbookPr defaultThemeVersion="166925"/>'
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<workbook xmlns="{MAIN}" xmlns:r="{REL}">{pr}'
            f'<sheets><sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>')


def workbook_rels(shared=True, styles=True):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{PKG}">'
            f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            + (f'<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/>' if styles else "")
            + (f'<Relationship Id="rId4" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>' if shared else "")
            + '</Relationships>')


STYLES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          f'<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy/m/d\\ h:mm;@"/></numFmts>'
          '<fonts count="1"><font><sz val="11"/><name val="等线"/></font></fonts>'
          '<cellXfs count="4"><xf numFmtId="0" fontId="0"/><xf numFmtId="20" fontId="0" applyNumberFormat="1"/>'
          '<xf numFmtId="22" fontId="0" applyNumberFormat="1"/><xf numFmtId="176" fontId="0" applyNumberFormat="1"/></cellXfs>'
          '</styleSheet>')


def sheet(rows_xml):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<worksheet xmlns="{MAIN}" xmlns:r="{REL}"><dimension ref="A1"/>'
            f'<sheetData>{rows_xml}</sheetData></worksheet>')


class Excel:
    """Cells as Excel writes them: strings in the shared table."""

    def __init__(self):
        self.strings, self.index = [], {}

    def s(self, text):
        if text not in self.index:
            self.index[text] = len(self.strings)
            self.strings.append(text)
        return self.index[text]

    def cell(self, ref, v):
        if v is None:
            return ""
        if isinstance(v, tuple) and v[0] == "rich":
            idx = len(self.strings)
            self.strings.append(v)
            return f'<c r="{ref}" t="s"><v>{idx}</v></c>'
        if isinstance(v, tuple):          # (number, style)
            return f'<c r="{ref}" s="{v[1]}"><v>{v[0]!r}</v></c>'
        if isinstance(v, (int, float)):
            return f'<c r="{ref}"><v>{v}</v></c>'
        return f'<c r="{ref}" t="s"><v>{self.s(v)}</v></c>'

    def shared(self):
        items = []
        for t in self.strings:
            if isinstance(t, tuple):
                items.append("<si>" + "".join(f'<r><rPr><sz val="11"/></rPr><t xml:space="preserve">{escape(x)}</t></r>' for x in t[1])
                             + '<rPh sb="0" eb="2"><t>ふりがな</t></rPh></si>')
            else:
                items.append(f'<si><t xml:space="preserve">{escape(t)}</t></si>')
        return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<sst xmlns="{MAIN}" count="{len(items)}" uniqueCount="{len(items)}">' + "".join(items) + "</sst>")


def rows(table, cell):
    out = []
    for r, row in enumerate(table, 1):
        cells = "".join(cell(f"{col_name(c)}{r}", v) for c, v in enumerate(row))
        out.append(f'<row r="{r}" spans="1:{len(row)}">{cells}</row>')
    return "".join(out)


def excel_book(path, table, extra_parts=()):
    x = Excel()
    body = sheet(rows(table, x.cell))
    app = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           '<Application>Microsoft Excel</Application><AppVersion>16.0300</AppVersion></Properties>')
    core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>演练办</dc:creator></cp:coreProperties>')
    write_zip(path, [("[Content_Types].xml", content_types()), ("_rels/.rels", root_rels()),
                     ("docProps/app.xml", app), ("docProps/core.xml", core),
                     ("xl/workbook.xml", workbook()), ("xl/_rels/workbook.xml.rels", workbook_rels()),
                     ("xl/worksheets/sheet1.xml", body), ("xl/styles.xml", STYLES),
                     ("xl/sharedStrings.xml", x.shared())] + list(extra_parts))


def inline_cell(ref, v):
    if v is None:
        return ""
    if isinstance(v, (int, float)):
        return f'<c r="{ref}" t="n"><v>{v}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(v)}</t></is></c>'


def wps_book(path, table):
    app = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           '<Application>WPS 表格</Application><DocSecurity>0</DocSecurity></Properties>')
    custom = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
              'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
              '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer">'
              '<vt:lpwstr>2052-12.1.0.16250</vt:lpwstr></property></Properties>')
    write_zip(path, [("[Content_Types].xml", content_types()), ("_rels/.rels", root_rels(custom=True)),
                     ("docProps/app.xml", app), ("docProps/custom.xml", custom),
                     ("xl/workbook.xml", workbook()), ("xl/_rels/workbook.xml.rels", workbook_rels(shared=False, styles=False)),
                     ("xl/worksheets/sheet1.xml", sheet(rows(table, inline_cell)))])


HEAD = ["编号", "模拟时间", "发送方", "发送方（其他）", "接收方", "渠道", "标题", "内容",
        "预期1角色", "预期1行动", "预期1时限", "预期1条款", "预期1严重程度"]
START = datetime.datetime(2025, 6, 17, 8, 30)


def excel_table():
    return [
        HEAD,
        ["alert", (serial(START) % 1, 1), "市大数据局", None, "市大数据局", "监测告警", "政务云主机批量文件加密告警",
         ("rich", ["08:30 监测平台连续告警：", "12台虚拟机文件被加密。"]),
         "市大数据局", "报告事件", 15, 4.1, "较重"],
        ["scope", (serial(START + datetime.timedelta(minutes=25)), 2), "技术支撑队伍", None,
         "市指挥部办公室", "现场报告", "现场初判", "技术支撑队伍现场初判：\n37台虚拟机被加密。_x000D_",
         "市指挥部办公室", "组织研判", (10 / 1440, 1), "3.2.2", None],
        ["weibo", "T+1:00", None, "微博用户@晋城生活圈", "市委网信办、市政府新闻办", "微博", None, "网民发帖：政务服务网瘫痪？",
         "市政府新闻办", "对外发布信息", 60, "4.4", "轻微"],
        ["closing", (serial(START + datetime.timedelta(hours=5)), 3), "技术支撑队伍", None,
         "市指挥部办公室", "现场报告", None, "全部系统恢复。", "市指挥部办公室", "提出结束响应建议", 30, "4.5", None],
    ]


def wps_table():
    # the designer's own column order; to is column 4
    head = ["编号", "模拟时间", "发送方（其他）", "接收方", "渠道", "内容", "发送方", "条件1类型", "条件1行动"]
    return [head,
            ["a1", 0, "政务云安全运营中心监测平台", "市大数据局", "监测告警", "批量文件加密告警。", "市大数据局", None, None],
            ["a2", 20, "市政府总值班室", "市大数据局、副指挥长(市大数据局局长)", "电话", "为何至今没有收到报告？",
             "市人民政府", "未执行", "报告事件"],
            ["a3", "09:50", None, "市指挥部", "电话", "省级工作组已出发。", "省级应急领导机构", "已执行", "请求支援"]]


def main():
    os.makedirs(OUT, exist_ok=True)
    p = lambda name: os.path.join(OUT, name)
    excel_book(p("excel.xlsx"), excel_table())
    wps_book(p("wps.xlsx"), wps_table())

    # an unknown role at R12C4, as the issue writes it
    t = wps_table()[:2] + [["x%d" % i, 30 + i, "市卫健委", "市指挥部办公室", "电话", "询问。", None, None, None]
                           for i in range(3, 12)]
    t.append(["x12", 50, "市卫健委", "卫健委", "电话", "询问。", None, None, None])
    wps_book(p("unknown-role.xlsx"), t)

    t = excel_table()
    t[3][1] = "明天上午"
    t[4][1] = "25:99"
    excel_book(p("bad-time.xlsx"), t)

    # wrong types: a date where a title goes, a boolean content
    xx = Excel()
    body = sheet(rows(excel_table()[:2], xx.cell) +
                 '<row r="3"><c r="A3" t="s"><v>%d</v></c><c r="B3"><v>30</v></c><c r="C3" t="s"><v>%d</v></c>'
                 '<c r="E3" t="s"><v>%d</v></c><c r="F3" t="s"><v>%d</v></c><c r="G3" s="2"><v>45825.5</v></c>'
                 '<c r="H3" t="b"><v>1</v></c></row>' % (xx.s("w3"), xx.s("市大数据局"), xx.s("市大数据局"), xx.s("电话")))
    write_zip(p("wrong-types.xlsx"), [("[Content_Types].xml", content_types()), ("_rels/.rels", root_rels()),
                                      ("xl/workbook.xml", workbook()), ("xl/_rels/workbook.xml.rels", workbook_rels()),
                                      ("xl/worksheets/sheet1.xml", body),
                                      ("xl/styles.xml", STYLES), ("xl/sharedStrings.xml", xx.shared())])

    # a formula with its cached value
    x = Excel()
    table = excel_table()[:2]
    body = sheet(rows(table, x.cell) + '<row r="3"><c r="A3" t="str"><f>A2&amp;"-2"</f><v>alert-2</v></c>'
                 '<c r="B3"><f>B2+1/1440</f><v>0.355</v></c></row>')
    write_zip(p("formula.xlsx"), [("[Content_Types].xml", content_types()), ("_rels/.rels", root_rels()),
                                  ("xl/workbook.xml", workbook()), ("xl/_rels/workbook.xml.rels", workbook_rels()),
                                  ("xl/worksheets/sheet1.xml", body), ("xl/styles.xml", STYLES),
                                  ("xl/sharedStrings.xml", x.shared())])

    # no 内容 column
    t = [[c for i, c in enumerate(r) if i != 7] for r in excel_table()]
    excel_book(p("missing-column.xlsx"), t)

    # a zip bomb: the sheet inflates to 200 MB of spaces
    bomb = sheet("").replace("<sheetData>", "<sheetData>" + " " * (200 * 1024 * 1024))
    write_zip(p("zip-bomb.xlsx"), [("[Content_Types].xml", content_types()), ("_rels/.rels", root_rels()),
                                   ("xl/workbook.xml", workbook()), ("xl/_rels/workbook.xml.rels", workbook_rels(False, False)),
                                   ("xl/worksheets/sheet1.xml", bomb)])

    # 200,000 shared strings
    x = Excel()
    for i in range(200000):
        x.s("s%d" % i)
    write_zip(p("many-strings.xlsx"), [("[Content_Types].xml", content_types()), ("_rels/.rels", root_rels()),
                                       ("xl/workbook.xml", workbook()), ("xl/_rels/workbook.xml.rels", workbook_rels()),
                                       ("xl/worksheets/sheet1.xml", sheet(rows(excel_table(), Excel().cell))),
                                       ("xl/sharedStrings.xml", x.shared())])

    # cut in the middle
    with open(p("excel.xlsx"), "rb") as f:
        data = f.read()
    with open(p("truncated.xlsx"), "wb") as f:
        f.write(data[: len(data) // 2])

    # an end of central directory claiming 60,000 entries
    eocd = b"PK\x05\x06" + (0).to_bytes(2, "little") * 2 + (60000).to_bytes(2, "little") * 2 + \
        (0).to_bytes(4, "little") * 2 + (0).to_bytes(2, "little")
    with open(p("many-entries.xlsx"), "wb") as f:
        f.write(eocd)

    csv_rows = ["编号,模拟时间,发送方,接收方,渠道,内容",
                "c1,T+5,市大数据局,市指挥部办公室,电话,\"报告：\"\"系统中断\"\"，\n请指示。\"",
                "c2,09:00,市大数据局,市指挥部办公室,电话,'=已中和的公式文本"]
    with open(p("nobom.csv"), "wb") as f:
        f.write(("\r\n".join(csv_rows) + "\r\n").encode("utf-8"))
    with open(p("gbk.csv"), "wb") as f:
        f.write(("\r\n".join(csv_rows) + "\r\n").encode("gbk"))
    with open(p("unclosed.csv"), "wb") as f:
        f.write(("\ufeff" + csv_rows[0] + "\r\nc1,T+5,市大数据局,市指挥部办公室,电话,\"未闭合\r\n").encode("utf-8"))


main()
