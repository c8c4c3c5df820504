#!/usr/bin/env python3
"""A large generated workbook for timing the workbook reader (docs/TESTING.md, "Workbook XML").

    python3 tools/make_big_workbook.py OUT.xlsx [UNITS]     # default 8000 units

Writes OUT.xlsx with the sheets communities (300), organizations (UNITS), needs, resources (9 per
unit: 72,000 rows and a 9.3 MB sheet part at 8000 units) and projects (3000), text in shared strings
as Excel stores it, and the same lists as CSV files in a `csv` folder next to it. Then time
`alliance check OUT.xlsx` (release build). Seeded: the same arguments give the same bytes.
"""
import csv, os, random, sys, zipfile
from xml.sax.saxutils import escape
random.seed(7)
C, U, CAT = 300, int(sys.argv[2]) if len(sys.argv) > 2 else 8000, 9
cats = [f"类别{k}" for k in range(CAT)]
lists = {}
lists["communities"] = [["id","name","street","strength","x","y"]] + [[f"C{i}", f"社区{i}", f"街道{i%12}", str(1+i%3), str(i%40), str(i//40)] for i in range(1,C+1)]
lists["organizations"] = [["id","name","kind","strength","can_lead","min_communities","max_communities","x","y"]] + [[f"U{i}", f"单位{i}", "机关", str(1+i%4), "true" if i%3 else "false", "0", "2", str(i%40), str((i*7)%40)] for i in range(1,U+1)]
lists["needs"] = [["community_id","category","amount","priority"]] + [[f"C{i}", cats[k], str(1+(i+k)%3), str(1+k%3)] for i in range(1,C+1) for k in range(CAT) if (i+k)%2==0]
lists["resources"] = [["org_id","category","amount"]] + [[f"U{i}", cats[k], str(1+(i*k)%3)] for i in range(1,U+1) for k in range(CAT)]
lists["projects"] = [["id","community_id","name","category","amount","value"]] + [[f"P{j}", f"C{1+j%C}", f"项目{j}", cats[j%CAT], "1", str(1+j%5)] for j in range(1,3001)]
shared = {}
def sidx(s):
    if s not in shared: shared[s] = len(shared)
    return shared[s]
def col(i):
    n=""; i+=1
    while i: i,r=divmod(i-1,26); n=chr(65+r)+n
    return n
def num(v):
    try: float(v); return True
    except ValueError: return False
sheets = {}
for name, rows in lists.items():
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>']
    for r, row in enumerate(rows, 1):
        out.append(f'<row r="{r}" spans="1:{len(row)}">')
        for c, v in enumerate(row):
            ref = f"{col(c)}{r}"
            if num(v) and r > 1: out.append(f'<c r="{ref}"><v>{v}</v></c>')
            elif v in ("true","false"): out.append(f'<c r="{ref}" t="b"><v>{1 if v=="true" else 0}</v></c>')
            else: out.append(f'<c r="{ref}" t="s"><v>{sidx(v)}</v></c>')
        out.append('</row>')
    out.append('</sheetData></worksheet>')
    sheets[name] = "".join(out)
sst = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">' % (len(shared), len(shared))]
for s in shared: sst.append(f'<si><t>{escape(s)}</t></si>')
sst.append('</sst>')
os.makedirs(os.path.dirname(os.path.abspath(sys.argv[1])), exist_ok=True)
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as zipped:
    class z:
        """Entries with a fixed date, so that the same arguments give the same bytes."""
        @staticmethod
        def writestr(path, text):
            zipped.writestr(zipfile.ZipInfo(path, date_time=(1980, 1, 1, 0, 0, 0)), text, compress_type=zipfile.ZIP_DEFLATED)
    names = list(sheets)
    z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>')
    z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' + "".join(f'<sheet name="{n}" sheetId="{i+1}" r:id="rId{i+1}"/>' for i,n in enumerate(names)) + '</sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + "".join(f'<Relationship Id="rId{i+1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i+1}.xml"/>' for i in range(len(names))) + f'<Relationship Id="rId{len(names)+1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    for i,n in enumerate(names): z.writestr(f"xl/worksheets/sheet{i+1}.xml", sheets[n])
    z.writestr("xl/sharedStrings.xml", "".join(sst))
print({n: len(s) for n,s in sheets.items()}, len("".join(sst)))
folder = os.path.join(os.path.dirname(os.path.abspath(sys.argv[1])), 'csv')
os.makedirs(folder, exist_ok=True)
for name, rows in lists.items():
    with open(f"{folder}/{name}.csv", "w", newline="") as f: csv.writer(f, lineterminator="\n").writerows(rows)
