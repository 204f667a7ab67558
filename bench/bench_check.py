"""Time `gongkai report check` over a folder of 1,000 text reports in one process.

The reports are the real reports of tests/fixtures/reports and hand-made reports in several layouts
(tabs, pipes, one cell per line, a whole page on one line), each varied by agency name, year and figures. Results go to
docs/benchmarks.md under “## 报告检查”.

    .venv/bin/python bench/bench_check.py [--count 1000] [--write]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")

FIXTURES = ROOT / "tests" / "fixtures" / "reports"
SECTION = "## 报告检查"


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
    args = parser.parse_args()

    import django

    django.setup()
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
    path = ROOT / "docs" / "benchmarks.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# 性能测试\n"
    body = (
        f"{SECTION}\n\n`bench/bench_check.py`：在一个进程中检查1000份文本报告（共享样例及按多种排版生成的报告，"
        "含数字连写的整页一行文本），目标 ≥ 50 份/秒。\n\n"
        "| 日期 | 报告数 | 用时 | 速度 | 发现数 | 无法读取 |\n|---|---|---|---|---|---|\n" + line + "\n"
    )
    pattern = re.compile(rf"{re.escape(SECTION)}\n.*?(?=\n## |\Z)", re.S)
    text = pattern.sub(body.rstrip("\n"), text) if SECTION in text else text.rstrip("\n") + "\n\n" + body
    path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
