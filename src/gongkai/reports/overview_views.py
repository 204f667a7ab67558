"""The supervisor's overview page and its spreadsheet (县政务公开办: every agency it supervises on one table)."""

from __future__ import annotations

import io
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from gongkai.agencies.permissions import agencies_for, can_use_checker
from gongkai.core.params import year_param
from gongkai.core.spreadsheet import append_row

from .overview import overview_rows, parse_sort, sort_rows

# (sort key, header) of the table and of the spreadsheet, in order
COLUMNS = [
    ("agency", "机关"), ("open", "未办结申请"), ("soon", "3个工作日内到期"), ("overdue", "已逾期申请"),
    ("stale", "不更新栏目"), ("blank", "空白栏目"), ("report", "年度报告状态"), ("late", "逾期天数"),
    ("errors", "检查错误"), ("warnings", "检查警告"),
]


def _rows(request):
    if not can_use_checker(request.user):
        raise PermissionDenied("只有上级监督（政务公开办）人员可以查看下属机关总览")
    today = timezone.localdate()
    year = year_param(request.GET, default=today.year - 1, label="报告年度")
    key, descending = parse_sort(request.GET.get("sort"))
    rows = sort_rows(overview_rows(agencies_for(request.user).order_by("path"), year, today), key, descending)
    return today, year, key, descending, rows


@login_required
def overview(request):
    today, year, key, descending, rows = _rows(request)
    headers = [{"key": k, "label": label, "sorted": k == key,
                "aria": ("descending" if descending else "ascending") if k == key else "",
                "next": f"-{k}" if k == key and not descending else k} for k, label in COLUMNS]
    return render(request, "reports/overview.html", {
        "rows": rows, "year": year, "today": today, "headers": headers,
        "sort": f"{'-' if descending else ''}{key}", "years": list(range(today.year, today.year - 6, -1)),
    })


@login_required
def overview_xlsx(request):
    today, year, _, _, rows = _rows(request)
    wb = Workbook()
    ws = wb.active
    ws.title = f"{year}年度总览"
    append_row(ws, [label for _, label in COLUMNS] + ["检查提示", "截止日期"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for r in rows:
        append_row(ws, [r.agency.name, r.open, r.soon, r.overdue, r.stale, r.blank, r.report_label,
                        r.late_days, r.errors, r.warnings, r.infos, r.deadline])
    ws.column_dimensions["A"].width = 32
    for letter in "BCDEFGHIJK":
        ws.column_dimensions[letter].width = 14
    ws.column_dimensions["L"].width = 12
    for (cell,) in ws.iter_rows(min_row=2, min_col=12, max_col=12):
        cell.number_format = "yyyy-mm-dd"
    ws.freeze_panes = "B2"
    out = io.BytesIO()
    wb.save(out)
    response = HttpResponse(out.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(f'{year}年度下属机关总览.xlsx')}"
    return response
