"""The assessor's spreadsheet: one row per finding, and a summary sheet (one row per report).

The CLI's `--xlsx` and the checker page's download write the same workbook.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from gongkai.core.spreadsheet import append_row

from .check import counts_by_severity
from .finding_names import SEVERITY_LABELS, finding_name

FILLS = {"error": PatternFill("solid", fgColor="FFD7D7"), "warning": PatternFill("solid", fgColor="FFF2CC")}
SUMMARY_HEADERS = ["文件", "机关", "年度", "格式", "落款日期", "错误", "警告", "提示"]
FINDING_HEADERS = ["文件", "机关", "年度", "问题", "级别", "说明", "位置", "代码"]


def findings_workbook(outcomes) -> Workbook:
    """`outcomes`: objects with .path (or .name) and .report (the CLI's Outcome, the page's results)."""
    book = Workbook()
    summary = book.active
    summary.title = "汇总"
    append_row(summary, SUMMARY_HEADERS)
    sheet = book.create_sheet("检查结果")
    append_row(sheet, FINDING_HEADERS)
    for outcome in outcomes:
        report = outcome.report
        name = outcome.path.name if getattr(outcome, "path", None) is not None else outcome.name
        counts = counts_by_severity(report)
        append_row(
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
            ],
        )
        for finding in report.findings:
            severity = str(finding.severity)
            append_row(
                sheet,
                [
                    name,
                    report.agency,
                    report.year,
                    finding_name(finding.code),
                    SEVERITY_LABELS[severity],
                    finding.message,
                    finding.where,
                    finding.code,
                ],
            )
            if severity in FILLS:
                for cell in sheet[sheet.max_row]:
                    cell.fill = FILLS[severity]
    for ws, widths in ((summary, [36, 30, 8, 8, 12, 8, 8, 8]), (sheet, [36, 30, 8, 20, 8, 80, 50, 22])):
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for index, width in enumerate(widths):
            ws.column_dimensions[chr(ord("A") + index)].width = width
        ws.freeze_panes = "A2"
    return book


def write_findings(path, outcomes) -> None:
    findings_workbook(outcomes).save(path)


def findings_bytes(outcomes) -> bytes:
    out = io.BytesIO()
    findings_workbook(outcomes).save(out)
    return out.getvalue()
