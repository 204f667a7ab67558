"""The assessor's spreadsheet: one row per finding, and a summary sheet (one row per report)."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill

from .check import counts_by_severity

SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
FILLS = {"error": PatternFill("solid", fgColor="FFD7D7"), "warning": PatternFill("solid", fgColor="FFF2CC")}


def _append(sheet, values: list) -> None:
    """A row of text as text: the agency name and findings quote the checked files, which anyone wrote.

    openpyxl stores a string starting with "=" as a formula and refuses control characters; a text cell
    here stays a text cell, and characters a spreadsheet cannot hold are dropped."""
    sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in values])
    for cell in sheet[sheet.max_row]:
        if cell.data_type == "f":
            cell.data_type = "s"


def write_findings(path, outcomes) -> None:
    """`outcomes`: objects with .path and .report (the CLI's Outcome)."""
    book = Workbook()
    summary = book.active
    summary.title = "汇总"
    summary.append(["文件", "机关", "年度", "格式", "落款日期", "错误", "警告", "提示"])
    sheet = book.create_sheet("检查结果")
    sheet.append(["文件", "机关", "年度", "代码", "级别", "说明", "位置"])
    for outcome in outcomes:
        report, name = outcome.report, outcome.path.name
        counts = counts_by_severity(report)
        _append(
            summary,
            [
                name,
                report.agency,
                report.year,
                report.format,
                report.published_on.isoformat() if report.published_on else None,
                counts["error"],
                counts["warning"],
                counts["info"],
            ]
        )
        for finding in report.findings:
            severity = str(finding.severity)
            _append(
                sheet,
                [
                    name,
                    report.agency,
                    report.year,
                    finding.code,
                    SEVERITY_LABELS[severity],
                    finding.message,
                    finding.where,
                ]
            )
            if severity in FILLS:
                for cell in sheet[sheet.max_row]:
                    cell.fill = FILLS[severity]
    for ws, widths in ((summary, [36, 30, 8, 8, 12, 8, 8, 8]), (sheet, [36, 30, 8, 20, 8, 80, 50])):
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for index, width in enumerate(widths):
            ws.column_dimensions[chr(ord("A") + index)].width = width
        ws.freeze_panes = "A2"
    book.save(path)
