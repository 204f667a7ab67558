"""Time `gongkai report check` over a folder of 1,000 text reports in one process.

The reports are the real reports of tests/fixtures/reports and hand-made reports in several layouts
(tabs, pipes, one cell per line, a whole page on one line), each varied by agency name, year and figures. Results go to
docs/benchmarks.md under “## 报告检查”.

    .venv/bin/python bench/bench_check.py [--count 1000] [--write]
    .venv/bin/python bench/bench_check.py --scanned 3 [--producer weasyprint|libreoffice] [--write]

`--scanned N` times the OCR path instead: N reports with different figures, each rendered to PDF (the project's own
PDF by WeasyPrint, or its .docx saved as PDF by LibreOffice), rasterised at 150 dpi (pdftoppm) and rebuilt as an
image-only PDF, then checked; pages per second and the share of cells read right go under “## 扫描件识别”.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")

FIXTURES = ROOT / "tests" / "fixtures" / "reports"
SECTION = "## 报告检查"
SCANNED_SECTION = "## 扫描件识别"


def make_reports(folder: Path, count: int) -> None:
    from tests.reports.fixtures_check.build import figures, text_report

    fixtures = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))]
    random.seed(7)
    layouts = ["\t", " | ", "\n", "\n\n", ""]
    for n in range(count):
        if n % 4 == 0:
            text = fixtures[n // 4 % len(fixtures)].replace("宗朗乡", f"第{n}乡")
        else:
            rows = figures()
            extra = random.randint(0, 30)
            for key in ("new", "granted", "total"):
                rows[key][0] += extra
                rows[key][6] += extra
            sep = layouts[n % len(layouts)]
            text = text_report(
                agency=f"测试县第{n}乡人民政府",
                year=2020 + n % 5,
                rows=rows,
                sep=sep,
                date=f"{2021 + n % 5}年1月{1 + n % 28}日",
            )
            if sep == "":
                text = text.replace("\n", "")
        (folder / f"report-{n:04d}.txt").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--write", action="store_true", help="write the result into docs/benchmarks.md")
    parser.add_argument("--scanned", type=int, default=0, metavar="N", help="time checks of N scanned reports")
    parser.add_argument("--producer", choices=("weasyprint", "libreoffice"), default="weasyprint",
                        help="what makes the PDF that is scanned")
    args = parser.parse_args()

    import django

    django.setup()
    if args.scanned:
        scanned(args.scanned, args.producer, args.write)
        return
    from gongkai.reports.cli_check import collect, run

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        make_reports(folder, args.count)
        files, _ = collect([str(folder)])
        started = time.perf_counter()
        outcomes = run(files)
        elapsed = time.perf_counter() - started
    unreadable = sum(o.report is None for o in outcomes)
    findings = sum(len(o.report.findings) for o in outcomes if o.report)
    rate = len(outcomes) / elapsed
    line = (
        f"| {time.strftime('%Y-%m-%d')} | {len(outcomes)} | {elapsed:.2f} s | {rate:.0f} 份/秒 | {findings} | "
        f"{unreadable} |"
    )
    print(
        f"{len(outcomes)} reports in {elapsed:.2f} s: {rate:.0f} reports/s ({findings} findings, {unreadable} unusable)"
    )
    if args.write:
        write(line)


def write(line: str) -> None:
    from benchdoc import write_section

    write_section(SECTION, "`bench/bench_check.py`：在一个进程中检查1000份文本报告（共享样例及按多种排版生成的报告，"
                  "含数字连写的整页一行文本），目标 ≥ 50 份/秒。\n\n"
                  "| 日期 | 报告数 | 用时 | 速度 | 发现数 | 无法读取 |\n|---|---|---|---|---|---|\n", [line])


def scanned(count: int, producer: str, write_doc: bool) -> None:
    """Pages per second through the OCR path, and how many cells came out right (none may come out wrong)."""
    from tests.reports.scans import (
        cells_of,
        image_pdf,
        office_pdf,
        page_images,
        rendered_pdf,
        tools_missing,
        varied_report,
    )

    from gongkai.reports.check import check_bytes

    missing = tools_missing()
    if missing:
        raise SystemExit(f"cannot make a scan here: {missing}")
    make_pdf = office_pdf if producer == "libreoffice" else rendered_pdf
    scans = []
    for seed in range(7, 7 + count):
        report = varied_report(seed)
        images = page_images(make_pdf(report))
        scans.append((cells_of(report), image_pdf(images), len(images)))
    pages = right = wrong = cells = 0
    started = time.perf_counter()
    for want, pdf, n in scans:
        got = cells_of(check_bytes(pdf, "scan.pdf"))
        pages, cells = pages + n, cells + len(want)
        right += sum(1 for key in want if got.get(key) == want[key])
        wrong += sum(1 for key in want if got.get(key) is not None and got[key] != want[key])
    elapsed = time.perf_counter() - started
    print(f"{count} reports, {pages} scanned pages ({producer}) in {elapsed:.1f} s: {pages / elapsed:.2f} pages/s; "
          f"cells right {right}/{cells}, wrong {wrong}")
    if write_doc:
        from benchdoc import write_section

        header = ("`bench/bench_check.py --scanned N [--producer …]`：N 份数字各不相同的年度报告，由本项目生成 PDF"
                  "（WeasyPrint），或把本项目的 .docx 用 LibreOffice 另存为 PDF（机关办公软件的做法），"
                  "以 150 dpi 栅格化（pdftoppm）后重建为无文字层的图片 PDF，在一个进程中逐份检查"
                  "（RapidOCR，模型随软件包提供）。目标：表格单元格 ≥ 97% 读对，读错 0。\n\n"
                  "| 日期 | PDF 生成 | 页数 | 用时 | 速度 | 读对单元格 | 读错 |\n|---|---|---|---|---|---|---|\n")
        line = (f"| {time.strftime('%Y-%m-%d')} | {producer}（{count} 份） | {pages} | {elapsed:.1f} s | "
                f"{pages / elapsed:.2f} 页/秒 | {right}/{cells} ({right / cells:.1%}) | {wrong} |")
        write_section(SCANNED_SECTION, header, [line])


if __name__ == "__main__":
    main()
