"""The report checker for supervising staff: upload one or many published reports, see the findings.

Who may use it: a superuser, or anyone holding the 上级监督 (supervisor) role in some agency — the
政务公开办 staff who read other agencies' reports. Uploaded files are read in memory and not kept.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import PurePath
from types import SimpleNamespace
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render

from gongkai.agencies.permissions import can_use_checker

from .check import SEVERITY_ORDER, check_bytes, counts_by_severity
from .check_tables import appeal_rows, application_rows, is_marked, proactive_rows
from .check_xlsx import write_findings
from .parse import UnusableInput

MAX_FILES = 50
MAX_BYTES = 20 * 1024 * 1024


@login_required
def index(request):
    if not can_use_checker(request.user):
        raise PermissionDenied("只有上级监督（政务公开办）人员可以使用年度报告检查")
    results, errors = [], []
    if request.method == "POST":
        files = request.FILES.getlist("files")
        if not files:
            errors.append("请选择至少一个报告文件（txt、html、docx、pdf）")
        for upload in files[:MAX_FILES]:
            results.append(_check_upload(upload))
        if len(files) > MAX_FILES:
            errors.append(f"一次最多检查{MAX_FILES}个文件，其余未检查")
        if request.POST.get("format") == "xlsx" and any("report" in r for r in results):
            return _spreadsheet(results)
    return render(request, "reports/check_index.html", {"results": results, "errors": errors})


def _spreadsheet(results) -> HttpResponse:
    """The same findings as the page, as the assessor's spreadsheet (the CLI's --xlsx): a summary and every
    finding with its place."""
    out = BytesIO()
    write_findings(out, [SimpleNamespace(path=PurePath(r["name"]), report=r["report"]) for r in results
                         if "report" in r])
    response = HttpResponse(out.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = "attachment; filename*=UTF-8''" + quote("年度报告检查结果.xlsx")
    return response


def _check_upload(upload) -> dict:
    if upload.size > MAX_BYTES:
        return {"name": upload.name, "problem": "文件超过20MB，未检查"}
    try:
        report = check_bytes(upload.read(), upload.name)
    except UnusableInput as exc:
        return {"name": upload.name, "problem": str(exc)}
    marked = {f.where for f in report.findings if str(f.severity) != "info" and f.where}
    tables = []
    for title, (headers, rows) in (
        ("二、主动公开政府信息情况", proactive_rows(report)),
        ("三、收到和处理政府信息公开申请情况", application_rows(report)),
        ("四、政府信息公开行政复议、行政诉讼情况", appeal_rows(report)),
    ):
        tables.append(
            {
                "title": title,
                "headers": headers,
                "rows": [
                    {
                        "label": label,
                        "cells": [{"value": v, "marked": is_marked(w, marked), "where": w} for v, w in cells],
                    }
                    for label, cells in rows
                ],
            }
        )
    counts = counts_by_severity(report)
    return {
        "name": upload.name,
        "report": report,
        "tables": tables,
        "errors": counts["error"],
        "warnings": counts["warning"],
        "findings": sorted(report.findings, key=lambda f: SEVERITY_ORDER[f.severity]),
    }
