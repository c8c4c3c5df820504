#!/usr/bin/env python3
"""Writes the bad-input corpus Tests/AllianceCLITests/Corpus/<case>/ from models/examples/tiny.

Each case folder holds a full set of lists (tiny's, copied) with one defect, and `expect.txt`:

    # what the case is about
    status 1                          exit status: 1 input error, 2 infeasible pre-check
    at organizations.csv:4:1          where the error must be reported (absent for pre-check failures)
    message duplicate unit id         a fragment the error line must contain (case-insensitive)
    args --no-lead-rule               optional extra arguments for `alliance solve`

A case's defect is written with the marker § where the error must point; the marker is removed
and its line and column (in characters, CR, LF and CRLF each ending a line) go into expect.txt.
The files of a case are written as bytes, so encodings, byte order marks and line ends are exact.
Other file kinds (e.g. lists.xlsx for the workbook reader) can sit in a case folder the same way.

Run from the repository root:  python3 tools/make_corpus.py
"""
import os
import re
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BASE = os.path.join(ROOT, "models", "examples", "tiny")
OUT = os.path.join(ROOT, "Tests", "AllianceCLITests", "Corpus")
MARK = "§"
NAMES = ["communities.csv", "organizations.csv", "needs.csv", "resources.csv", "projects.csv", "pairs.csv"]


def base_files():
    files = {}
    for name in NAMES:
        path = os.path.join(BASE, name)
        if os.path.exists(path):
            files[name] = open(path, encoding="utf-8").read()
    return files


def replace_line(text, number, new):
    """Replaces line `number`; the line after the last one appends a row."""
    lines = text.split("\n")
    if number == len(lines) and lines[-1] == "":
        lines.append("")
    lines[number - 1] = new
    return "\n".join(lines)


def locate(text):
    """Line and column of the marker in text (as the CSV parser counts), and text without it."""
    index = text.index(MARK)
    before = text[:index]
    line, column, i = 1, 1, 0
    while i < len(before):
        c = before[i]
        if c == "\r" and i + 1 < len(before) and before[i + 1] == "\n":
            i += 1
        if c in "\r\n":
            line, column = line + 1, 1
        else:
            column += 1
        i += 1
    return line, column, text.replace(MARK, "", 1)


CASES = []


def case(name, about, status, message, files=None, lines=None, delete=(), raw=None, args=None, workbook=None):
    """files: name → new text; lines: (file, line number, new line); raw: name → bytes (after marker
    handling, for encodings); delete: files to leave out; workbook: the expected location when the
    lists go into one `lists.xlsx` (a sheet per list) instead of CSV files."""
    CASES.append(dict(name=name, about=about, status=status, message=message, files=files or {},
                      lines=lines or [], delete=delete, raw=raw or {}, args=args, workbook=workbook))


def xlsx(sheets):
    """A minimal .xlsx (inline strings, numbers as numbers) with sheets name → CSV text."""
    import csv, io, zipfile
    from xml.sax.saxutils import escape

    def column(index):
        name = ""
        index += 1
        while index:
            index, rest = divmod(index - 1, 26)
            name = chr(65 + rest) + name
        return name

    def cell(ref, value):
        try:
            float(value)
            return f'<c r="{ref}"><v>{value}</v></c>'
        except ValueError:
            return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        def put(path, text):
            info = zipfile.ZipInfo(path, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text)
        overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/'
                            f'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for i in range(len(sheets)))
        put("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            + overrides + '</Types>')
        put("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        entries = "".join(f'<sheet name="{escape(name)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, name in enumerate(sheets))
        put("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' + entries + '</sheets></workbook>')
        rels = "".join(f'<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                       f'Target="worksheets/sheet{i + 1}.xml"/>' for i in range(len(sheets)))
        put("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + rels + '</Relationships>')
        for i, text in enumerate(sheets.values()):
            rows = [r for r in csv.reader(io.StringIO(text)) if r]
            xml_rows = "".join(f'<row r="{n + 1}">' + "".join(cell(f"{column(k)}{n + 1}", v) for k, v in enumerate(row) if v != "")
                               + '</row>' for n, row in enumerate(rows))
            put(f"xl/worksheets/sheet{i + 1}.xml", '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                '<sheetData>' + xml_rows + '</sheetData></worksheet>')
    return buffer.getvalue()


ORG = "organizations.csv"
COM = "communities.csv"
NEEDS = "needs.csv"
RES = "resources.csv"
PROJ = "projects.csv"
PAIRS = "pairs.csv"
ORG_HEADER = "id,name,kind,strength,can_lead,min_communities,max_communities,x,y"

# --- CSV syntax ----------------------------------------------------------------------------
case("quote-unterminated", "a quote opened in a name never closes", 1, "unterminated",
     lines=[(ORG, 3, 'U2,§"区人民医院,事业,3,true,1,1,4,0')])
case("quote-text-after-closing", "text follows a closing quote in the same cell", 1, "after the closing quote",
     lines=[(COM, 3, 'C2,"丰泽"§社区,唐海镇,1,4,0')])
case("quote-unterminated-last-line", "the last cell of the file opens a quote", 1, "unterminated",
     lines=[(RES, 4, 'U6,养老服务,§"1')])
case("too-many-cells", "a row has one cell more than the header", 1, "too many cells",
     lines=[(COM, 3, "C2,丰泽社区,唐海镇,1,4,0,§多余")])
case("bom-in-middle-of-cell", "a byte order mark inside a row (pasted text)", 1, "byte order mark",
     lines=[(COM, 3, "C2,§\ufeff丰泽社区,唐海镇,1,4,0")])
case("bom-in-middle-of-file", "a second file pasted below the first, its BOM and header included", 1,
     "byte order mark", files={RES: "org_id,category,amount\nU4,养老服务,2\n§\ufefforg_id,category,amount\nU5,就业帮扶,2\nU6,养老服务,1\n"})
case("bom-in-quoted-cell", "a byte order mark inside a quoted cell", 1, "byte order mark",
     lines=[(ORG, 4, 'U3,"港口§\ufeff集团有限公司",企业,5,true,1,1,8,0')])
case("cr-only-line-ends", "classic Mac line ends (CR only) are accepted: the duplicate is found on line 8", 1,
     "duplicate unit id", files={ORG: "\r".join([ORG_HEADER, "U1,区委组织部,机关,4,true,1,1,0,0",
                                                 "U2,区人民医院,事业,3,true,1,1,4,0", "U3,港口集团有限公司,企业,5,true,1,1,8,0",
                                                 "U4,颐康养老服务中心,两新,1,false,1,1,0,0",
                                                 "U5,众信人力资源服务公司,两新,1,false,1,1,4,0",
                                                 "U6,惠丰物业服务有限公司,物业,2,false,1,1,8,0",
                                                 "§U2,重复单位,两新,1,false,1,1,0,0"]) + "\r"})
case("mixed-line-ends", "CRLF, LF and CR in one file each end one line", 1, "expected a number",
     files={COM: "id,name,street,strength,x,y\r\nC1,惠丰社区,唐海镇,2,0,0\nC2,丰泽社区,唐海镇,1,4,0\rC3,新城社区,曹妃甸新城,§三,8,0\r\n"})
case("quoted-cell-spans-lines", "a quoted name spanning two lines; the error after it is on line 4", 1,
     "expected a number", lines=[(ORG, 3, 'U2,"区人民\n医院",事业,§high,true,1,1,4,0')])

# --- encodings -----------------------------------------------------------------------------
case("invalid-utf8-byte", "a stray byte 0xFF inside a UTF-8 file", 1, "not UTF-8",
     lines=[(NEEDS, 3, "C2,就业§\udcff帮扶,2,1")], args="--encoding utf8")
case("mixed-encodings", "one row saved in GBK inside a UTF-8 file", 1, "not UTF-8",
     lines=[(ORG, 4, "U3,§\udcb8\udcdb\udcbf\udcda集团有限公司,企业,5,true,1,1,8,0")], args="--encoding utf8")
case("mixed-encodings-auto", "one row saved in GBK inside a UTF-8 file, encoding detected", 1,
     "neither UTF-8 nor GB18030", lines=[(ORG, 4, "U3,§\udcb8\udcdb\udcbf\udcda集团有限公司,企业,5,true,1,1,8,0")])
case("truncated-utf8-at-end", "the file ends in the middle of a UTF-8 sequence", 1, "not UTF-8",
     files={RES: "org_id,category,amount\nU4,养老服务,2\nU5,就业帮扶,2\nU6,养老服务,1§\udce5\udcb0"}, args="--encoding utf8")
case("utf16-file", "the file is UTF-16 (Excel's 'Unicode text')", 1, "UTF-16",
     files={COM: "§id,name,street,strength,x,y\nC1,惠丰社区,唐海镇,2,0,0\nC2,丰泽社区,唐海镇,1,4,0\nC3,新城社区,曹妃甸新城,3,8,0\n"},
     raw={COM: "utf-16"})
case("nul-byte-in-cell", "a NUL byte inside a category (a damaged file)", 1, "NUL character",
     lines=[(RES, 3, "U5,就业§\0帮扶,2")])
case("utf16-without-bom", "UTF-16 little-endian without a byte order mark (ASCII text, so every other byte is 0)", 1,
     "NUL character", files={COM: "i§d,strength,x,y\nC1,2,0,0\nC2,1,4,0\nC3,3,8,0\n"},
     raw={COM: "utf-16-le"})

# --- files and headers ---------------------------------------------------------------------
case("communities-empty-file", "communities.csv has zero bytes", 1, "file is empty", files={COM: "§"})
case("organizations-blank-lines-only", "organizations.csv holds only blank lines and empty cells", 1,
     "file is empty", files={ORG: "§\n\n,,,\n \n"})
case("needs-file-missing", "needs.csv is not in the folder", 1, "required file is missing",
     files={NEEDS: "§"}, delete=[NEEDS])
case("missing-required-column", "resources.csv has no category column", 1, "missing required column 'category'",
     files={RES: "§org_id,amount\nU4,2\nU5,2\nU6,1\n"})
case("duplicate-column", "communities.csv has id twice (once as its alias 编号)", 1, "appears twice",
     files={COM: "id,name,street,strength,x,y,§编号\nC1,惠丰社区,唐海镇,2,0,0,\nC2,丰泽社区,唐海镇,1,4,0,\nC3,新城社区,曹妃甸新城,3,8,0,\n"})
case("communities-header-only", "communities.csv has its header and no rows (needs and projects too)", 2,
     "no communities", files={COM: "id,name,street,strength,x,y\n", NEEDS: "community_id,category,amount,priority\n",
                              PROJ: "id,community_id,name,category,amount,value\n"}, lines=[])
case("organizations-header-only", "organizations.csv has its header and no rows (resources too)", 2,
     "need a lead", files={ORG: ORG_HEADER + "\n", RES: "org_id,category,amount\n"})

# --- ids -----------------------------------------------------------------------------------
case("duplicate-community-id", "C1 defined twice", 1, "duplicate community id",
     lines=[(COM, 5, "§C1,重复社区,唐海镇,1,0,0")])
case("duplicate-unit-id", "U4 defined twice", 1, "duplicate unit id",
     lines=[(ORG, 8, "§U4,重复单位,两新,1,false,1,1,0,0")])
case("duplicate-project-id", "P1 defined twice", 1, "duplicate project id",
     lines=[(PROJ, 4, "§P1,C2,社区招聘会,就业帮扶,2,3")])
case("empty-id", "a community row without an id", 1, "missing id",
     lines=[(COM, 5, "§,无编号社区,唐海镇,1,4,0")])
case("unknown-community-in-needs", "needs.csv names a community that does not exist", 1, "unknown community 'C9'",
     lines=[(NEEDS, 3, "§C9,就业帮扶,2,1")])
case("unknown-unit-in-resources", "resources.csv names a unit that does not exist", 1, "unknown unit 'U9'",
     lines=[(RES, 3, "§U9,就业帮扶,2")])
case("unknown-community-in-projects", "projects.csv names a community that does not exist", 1, "unknown community",
     lines=[(PROJ, 3, "P2,§C4,居家养老上门服务,养老服务,1,2")])
case("unknown-unit-in-pairs", "pairs.csv names a unit that does not exist", 1, "unknown unit 'U7'",
     files={PAIRS: "org_id,community_id,rule\n§U7,C1,forbid\n"})
case("id-differs-by-case", "ids are case-sensitive: c1 is not C1", 1, "unknown community 'c1'",
     lines=[(NEEDS, 2, "§c1,养老服务,2,2")])

# --- numbers -------------------------------------------------------------------------------
case("strength-text", "text in a number column", 1, "expected a number",
     lines=[(COM, 3, "C2,丰泽社区,唐海镇,§strong,4,0")])
case("strength-negative", "a negative strength", 1, "must be 0 or more",
     lines=[(ORG, 3, "U2,区人民医院,事业,§-3,true,1,1,4,0")])
case("strength-nan", "NaN as a number", 1, "expected a number",
     lines=[(COM, 2, "C1,惠丰社区,唐海镇,§NaN,0,0")])
case("coordinate-infinity", "Infinity as a coordinate", 1, "expected a number",
     lines=[(ORG, 5, "U4,颐康养老服务中心,两新,1,false,1,1,§Infinity,0")])
case("coordinate-inf-short", "inf as a coordinate", 1, "expected a number",
     lines=[(COM, 4, "C3,新城社区,曹妃甸新城,3,8,§-inf")])
case("amount-huge-overflow", "1e400 overflows a double", 1, "expected a number",
     lines=[(NEEDS, 2, "C1,养老服务,§1e400,2")])
case("amount-huge-digits", "a 400-digit amount overflows a double", 1, "expected a number",
     lines=[(RES, 2, "U4,养老服务,§" + "9" * 400)])
case("amount-negative", "a negative need", 1, "must be greater than 0",
     lines=[(NEEDS, 3, "C2,就业帮扶,§-2,1")])
case("amount-zero", "a resource of 0", 1, "must be greater than 0",
     lines=[(RES, 3, "U5,就业帮扶,§0")])
case("amount-decimal-comma", "a decimal comma in a quoted amount", 1, "use '.' for decimals",
     lines=[(RES, 2, 'U4,养老服务,§"2,5"')])
case("amount-hex", "a hexadecimal amount", 1, "expected a number",
     lines=[(NEEDS, 4, "C3,养老服务,§0x1,1")])
case("amount-missing", "an empty amount cell", 1, "missing amount",
     lines=[(NEEDS, 3, "C2,就业帮扶,§,1")])
case("priority-negative", "a negative priority", 1, "must be 0 or more",
     lines=[(NEEDS, 2, "C1,养老服务,2,§-1")])
case("project-value-text", "text in projects.value", 1, "expected a number",
     lines=[(PROJ, 2, "P1,C1,老年助餐点,养老服务,1,§高")])
case("max-communities-fraction", "a fractional count", 1, "whole number",
     lines=[(ORG, 2, "U1,区委组织部,机关,4,true,1,§1.5,0,0")])
case("max-communities-huge", "a count beyond 2^53", 1, "whole number",
     lines=[(ORG, 2, "U1,区委组织部,机关,4,true,1,§99999999999999999999,0,0")])
case("max-communities-zero", "max_communities 0", 1, "must be at least 1",
     lines=[(ORG, 6, "U5,众信人力资源服务公司,两新,1,false,0,§0,4,0")])
case("min-communities-negative", "min_communities -1", 1, "must be 0 or more",
     lines=[(ORG, 6, "U5,众信人力资源服务公司,两新,1,false,§-1,1,4,0")])
case("min-communities-above-max", "min_communities 2 > max_communities 1", 1, "is greater than",
     lines=[(ORG, 7, "U6,惠丰物业服务有限公司,物业,2,false,§2,1,8,0")])
case("min-orgs-above-max-orgs", "min_orgs 3 > max_orgs 2", 1, "is greater than",
     files={COM: "id,name,min_orgs,max_orgs\nC1,惠丰社区,§3,2\nC2,丰泽社区,,\nC3,新城社区,,\n"})
case("can-lead-not-boolean", "can_lead 'maybe'", 1, "expected true or false",
     lines=[(ORG, 4, "U3,港口集团有限公司,企业,5,§maybe,1,1,8,0")])
case("latitude-out-of-range", "latitude 95", 1, "between -90 and 90",
     files={COM: "id,lat,lon\nC1,39.2,118.4\nC2,§95,118.5\nC3,39.3,118.6\n"})
case("x-without-y", "x given, y empty", 1, "given without",
     lines=[(COM, 3, "C2,丰泽社区,唐海镇,1,§4,")])

# --- groups and pairs ----------------------------------------------------------------------
GROUPED = ORG_HEADER + ",group,district\n"
case("group-spans-districts", "one group's members in two districts", 1, "spans districts",
     files={ORG: GROUPED + "U1,区委组织部,机关,4,true,1,1,0,0,,\nU2,区人民医院,事业,3,true,1,1,4,0,,\n"
            "U3,港口集团有限公司,企业,5,true,1,1,8,0,,\nU4,颐康养老服务中心,两新,1,false,1,1,0,0,g,曹妃甸区\n"
            "U5,众信人力资源服务公司,两新,1,false,1,1,4,0,g,§唐海县\nU6,惠丰物业服务有限公司,物业,2,false,1,1,8,0,,\n"})
case("group-named-like-another-unit", "group U1 holds U4 and U5, while U1 is a unit of its own", 1,
     "is also the id of unit",
     files={ORG: ORG_HEADER + ",group\nU1,区委组织部,机关,4,true,1,1,0,0,\nU2,区人民医院,事业,3,true,1,1,4,0,\n"
            "U3,港口集团有限公司,企业,5,true,1,1,8,0,\nU4,颐康养老服务中心,两新,1,false,1,1,0,0,§U1\n"
            "U5,众信人力资源服务公司,两新,1,false,1,1,4,0,U1\nU6,惠丰物业服务有限公司,物业,2,false,1,1,8,0,\n"})
case("group-named-like-a-later-unit", "group U6 holds U4 and U5; U6, listed after them, has no group", 1,
     "is also the id of unit",
     files={ORG: ORG_HEADER + ",group\nU1,区委组织部,机关,4,true,1,1,0,0,\nU2,区人民医院,事业,3,true,1,1,4,0,\n"
            "U3,港口集团有限公司,企业,5,true,1,1,8,0,\nU4,颐康养老服务中心,两新,1,false,1,1,0,0,§U6\n"
            "U5,众信人力资源服务公司,两新,1,false,1,1,4,0,U6\nU6,惠丰物业服务有限公司,物业,2,false,1,1,8,0,\n"})
case("fix-on-forbidden-pair", "the same pair fixed and forbidden", 1, "both fixed and forbidden",
     files={PAIRS: "org_id,community_id,rule\nU1,C1,forbid\nU1,C1,§fix\n"})
case("fix-forbidden-through-group", "one group member fixed where another is forbidden", 1,
     "through its group",
     files={ORG: ORG_HEADER + ",group\nU1,区委组织部,机关,4,true,1,1,0,0,\nU2,区人民医院,事业,3,true,1,1,4,0,\n"
            "U3,港口集团有限公司,企业,5,true,1,1,8,0,\nU4,颐康养老服务中心,两新,1,false,1,1,0,0,g\n"
            "U5,众信人力资源服务公司,两新,1,false,1,1,4,0,g\nU6,惠丰物业服务有限公司,物业,2,false,1,1,8,0,\n",
            PAIRS: "org_id,community_id,rule\nU4,C2,forbid\n§U5,C2,fix\n"})
case("unknown-rule", "a rule word that is not forbid/fix/prefer", 1, "unknown rule 'keep'",
     files={PAIRS: "org_id,community_id,rule\nU1,C1,§keep\n"})
case("prefer-without-score", "prefer with an empty score", 1, "prefer needs a score",
     files={PAIRS: "org_id,community_id,rule,score\nU1,C1,prefer,§\n"})

# --- infeasible: pre-checks (status 2, no location) ----------------------------------------
case("community-all-units-forbidden", "every unit is forbidden from C2", 2, "community C2 has no allowed unit",
     files={PAIRS: "org_id,community_id,rule\n" + "".join(f"U{i},C2,forbid\n" for i in range(1, 7))})
case("more-leads-than-eligible", "three communities need a lead, one unit may lead", 2,
     "3 communities need a lead, but only 1 unit may lead",
     lines=[(ORG, 3, "U2,区人民医院,事业,3,false,1,1,4,0"), (ORG, 4, "U3,港口集团有限公司,企业,5,false,1,1,8,0")])
case("unit-fixed-twice", "U1 is fixed to two communities but serves one", 2, "unit U1 is fixed to 2 communities",
     files={PAIRS: "org_id,community_id,rule\nU1,C1,fix\nU1,C2,fix\n"})
case("communities-need-more-than-offered", "min_orgs 3 everywhere, six units serving one each", 2,
     "communities need at least 9 assignments",
     files={COM: "id,name,street,strength,x,y,min_orgs\nC1,惠丰社区,唐海镇,2,0,0,3\nC2,丰泽社区,唐海镇,1,4,0,3\n"
            "C3,新城社区,曹妃甸新城,3,8,0,3\n"})
case("leads-forbidden-from-community", "every unit that may lead is forbidden from C3", 2,
     "community C3 needs a lead, but none of the 3 units allowed to serve it may lead",
     files={PAIRS: "org_id,community_id,rule\nU1,C3,forbid\nU2,C3,forbid\nU3,C3,forbid\n"})


def write_case(spec):
    files = base_files()
    files.update(spec["files"])
    for file, number, new in spec["lines"]:
        files[file] = replace_line(files[file], number, new)
    located = None
    for name in list(files):
        if MARK in files[name]:
            line, column, files[name] = locate(files[name])
            located = (name, line, column)
    folder = os.path.join(OUT, spec["name"])
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    if spec["workbook"]:
        sheets = {name[:-4]: text for name, text in files.items() if name not in spec["delete"]}
        with open(os.path.join(folder, "lists.xlsx"), "wb") as f:
            f.write(xlsx(sheets))
        files = {}
        located = None
    for name, text in files.items():
        if name in spec["delete"]:
            continue
        encoding = spec["raw"].get(name)
        if encoding:
            data = text.encode(encoding)  # Python's utf-16 writes a BOM first
        else:
            data = text.encode("utf-8", "surrogateescape")
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)
    lines = [f"# {spec['about']}", f"status {spec['status']}"]
    if spec["workbook"]:
        lines.append(f"at {spec['workbook']}")
    elif spec["status"] == 1:
        assert located, spec["name"] + ": an input error case needs a § marker"
        lines.append("at %s:%d:%d" % located)
    lines.append(f"message {spec['message']}")
    if spec["args"]:
        lines.append(f"args {spec['args']}")
    with open(os.path.join(folder, "expect.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")

# --- workbooks (the lists as sheets of one lists.xlsx) --------------------------------------
case("workbook-missing-sheet", "a workbook without the resources sheet", 1,
     "no sheet for resources.csv", delete=(RES,), workbook="lists.xlsx")
case("workbook-strength-text", "a workbook whose unit strength is a word", 1, "expected a number",
     lines=[(ORG, 3, "U2,区人民医院,事业,很强,true,1,1,4,0")], workbook="lists.xlsx:organizations!D3")


if __name__ == "__main__":
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names)), "duplicate case names"
    for spec in CASES:
        write_case(spec)
    print(f"{len(CASES)} cases in {os.path.relpath(OUT, ROOT)}")
