"""评估人员 (an assessor), from the command line: `gongkai report check reports/ --xlsx findings.xlsx` over a folder
of downloaded reports — a summary table on the terminal and a spreadsheet of every finding with its place."""

import io
import os
import shutil
import subprocess
import sys

from openpyxl import load_workbook

from tests.paths import REPO, REPORT_FIXTURES

COPIES = 12  # 60 reports: the journey's 300 at a fifth of the time


def test_an_assessor_checks_a_folder_of_reports_from_the_command_line(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    sources = sorted(p for p in REPORT_FIXTURES.iterdir() if p.suffix == ".txt")
    for n in range(COPIES):
        for source in sources:
            shutil.copy(source, folder / f"{n:02d}-{source.name}")
    out = tmp_path / "findings.xlsx"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "GONGKAI_VAR_DIR": str(tmp_path / "var")}
    done = subprocess.run([sys.executable, "-m", "gongkai.cli", "report", "check", str(folder), "--xlsx", str(out)],
                          capture_output=True, text=True, env=env, timeout=600, check=False)
    assert done.returncode in (0, 1), done.stderr[-2000:]  # 1: some report has errors
    total = COPIES * len(sources)
    assert str(total) in done.stdout and "zonglang-2024.txt" in done.stdout  # the summary table
    with open(out, "rb") as f:
        book = load_workbook(io.BytesIO(f.read()))
    summary = list(book["汇总"].iter_rows(min_row=2, values_only=True))
    assert len(summary) == total
    findings = list(book["检查结果"].iter_rows(min_row=2, values_only=True))
    self_reference = [row for row in findings if row[-1] == "self_reference"]
    assert len(self_reference) >= COPIES and all(row[6] for row in self_reference)  # each with its place
