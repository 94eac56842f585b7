#!/usr/bin/env python3
"""Write the Word benchmark inputs under target/bench-docx/ (Python 3 standard library).

- `plan-60-pages.docx`: the real Lâm Đồng plan (fixtures/docx/real/; 30 pages as LibreOffice
  lays it out) with its body three times in one document: 76 pages (`--pages` counts them with
  LibreOffice), a 1.5 MB `document.xml`, three 67-row task tables with merged cells: more than
  the 60 pages of the bar. `cargo bench --bench docx` reads it from there (and runs this script
  when it is missing).
- `folder-200/`: 200 Word plans, the two real plans and the four seeds' Word renderings
  (fixtures/docx/seeds/) in turn, each copy with its own number in its symbol, for
  `hyperfine 'target/release/planlint check target/bench-docx/folder-200 --format json'`.

Run from anywhere: `python3 benches/docx_corpus.py [--pages]`. Nothing it writes is checked in.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "target", "bench-docx")
REAL = os.path.join(ROOT, "fixtures", "docx", "real")
SEEDS = os.path.join(ROOT, "fixtures", "docx", "seeds")


def rewrite(src, dst, change):
    """Copy the package `src` to `dst` with `change` applied to word/document.xml."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                data = change(data.decode("utf-8")).encode("utf-8")
            zout.writestr(info, data)


def tripled(xml):
    """The body three times: everything between <w:body> and the final section properties."""
    start = xml.index("<w:body>") + len("<w:body>")
    end = xml.rindex("<w:sectPr")
    return xml[:end] + 2 * xml[start:end] + xml[end:]


def pages(path):
    """The page count LibreOffice lays the document out in (needs soffice and pdfinfo)."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, path],
            check=True, capture_output=True,
        )
        pdf = os.path.join(tmp, os.path.splitext(os.path.basename(path))[0] + ".pdf")
        info = subprocess.run(["pdfinfo", pdf], check=True, capture_output=True, text=True).stdout
        return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def main():
    os.makedirs(OUT, exist_ok=True)
    lamdong = os.path.join(REAL, "lamdong-kh-cchc-2026-2030.docx")
    big = os.path.join(OUT, "plan-60-pages.docx")
    rewrite(lamdong, big, tripled)

    folder = os.path.join(OUT, "folder-200")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    sources = [os.path.join(REAL, n) for n in sorted(os.listdir(REAL)) if n.endswith(".docx")]
    sources += [os.path.join(SEEDS, n) for n in sorted(os.listdir(SEEDS)) if n.endswith(".docx")]
    for i in range(200):
        src = sources[i % len(sources)]
        # `Số: /KH-UBND` and `Số:   /KH-UBND` get a number of their own, so that no two plans of the
        # folder are the same document.
        number = lambda xml, i=i: re.sub(r"(Số:\s*)(</w:t>.*?<w:t[^>]*>)?(\s*)/", rf"\g<1>{i + 1}\2\3/", xml, count=1)
        rewrite(src, os.path.join(folder, f"plan-{i + 1:03}-{os.path.basename(src)}"), number)
    print(f"wrote {big} and {folder}/ (200 plans)")
    if "--pages" in sys.argv:
        print(f"{os.path.basename(lamdong)}: {pages(lamdong)} pages; plan-60-pages.docx: {pages(big)} pages")


if __name__ == "__main__":
    main()
