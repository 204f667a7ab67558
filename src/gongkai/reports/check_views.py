"""The report checker for supervising staff: upload one or many published reports, see the findings.

Who may use it: a superuser, or anyone holding the 上级监督 (supervisor) role in some agency — the
政务公开办 staff who read other agencies' reports. Uploaded files are read in memory and not kept: the
page carries the results, signed, in its download form, and the spreadsheet is made from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies.permissions import can_use_checker
from gongkai.statute.report import Report

from .check import SEVERITY_ORDER, check_bytes, counts_by_severity
from .check_tables import appeal_rows, application_rows, cell_findings, proactive_rows
from .check_xlsx import findings_bytes
from .finding_names import SEVERITY_LABELS, finding_name
from .parse import UnusableInput

MAX_FILES = 50
MAX_BYTES = 20 * 1024 * 1024
SALT = "gongkai.reports.checker"
MAX_AGE = 12 * 3600
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _may_use(request) -> None:
    if not can_use_checker(request.user):
        raise PermissionDenied("只有上级监督（政务公开办）人员可以使用年度报告检查")


@login_required
def index(request):
    _may_use(request)
    results, errors = [], []
    if request.method == "POST":
        files = request.FILES.getlist("files")
        if not files:
            errors.append("请选择至少一个报告文件（txt、html、docx、pdf、doc、wps、rtf、odt）")
        for upload in files[:MAX_FILES]:
            results.append(_check_upload(upload))
        if len(files) > MAX_FILES:
            errors.append(f"一次最多检查{MAX_FILES}个文件，其余未检查")
    checked = [{"name": r["name"], "report": _without_text(r["report"])} for r in results if not r.get("problem")]
    payload = signing.dumps(checked, salt=SALT, compress=True) if checked else ""
    return render(request, "reports/check_index.html", {"results": results, "errors": errors, "payload": payload})


def _without_text(report: Report) -> dict:
    """The report for the download form: the spreadsheet needs the figures and findings, not the sections' text."""
    data = report.to_json()
    data["sections"] = dict.fromkeys(data["sections"])
    return data


@dataclass
class Checked:
    name: str
    report: Report


@login_required
@require_POST
def xlsx(request):
    """The findings of the reports just checked, as the CLI's `--xlsx` spreadsheet."""
    _may_use(request)
    try:
        checked = signing.loads(request.POST.get("payload", ""), salt=SALT, max_age=MAX_AGE)
        outcomes = [Checked(str(item["name"]), Report.from_json(item["report"])) for item in checked]
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        messages.error(request, "下载内容已失效或不完整，请重新上传报告检查后再下载")
        return redirect("checker:index")
    response = HttpResponse(findings_bytes(outcomes), content_type=XLSX)
    filename = f"年度报告检查结果-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def _check_upload(upload) -> dict:
    if upload.size > MAX_BYTES:
        return {"name": upload.name, "problem": "文件超过20MB，未检查"}
    try:
        report = check_bytes(upload.read(), upload.name)
    except UnusableInput as exc:
        return {"name": upload.name, "problem": str(exc)}
    tables = []
    for title, (headers, rows) in (
        ("二、主动公开政府信息情况", proactive_rows(report)),
        ("三、收到和处理政府信息公开申请情况", application_rows(report)),
        ("四、政府信息公开行政复议、行政诉讼情况", appeal_rows(report)),
    ):
        tables.append({"title": title, "headers": headers,
                       "rows": [{"label": label, "cells": [_cell(v, w, report) for v, w in cells]}
                                for label, cells in rows]})
    counts = counts_by_severity(report)
    findings = sorted(report.findings, key=lambda f: SEVERITY_ORDER[f.severity])
    return {
        "name": upload.name,
        "report": report,
        "tables": tables,
        "errors": counts["error"],
        "warnings": counts["warning"],
        "findings": [{"name": finding_name(f.code), "code": f.code, "severity": str(f.severity),
                      "severity_label": SEVERITY_LABELS[str(f.severity)], "message": f.message, "where": f.where}
                     for f in findings],
    }


def _cell(value, where: str, report: Report) -> dict:
    """One table cell; the findings that name it go into its title (and aria-label) and mark it."""
    naming = cell_findings(where, report.findings)
    note = "；".join(f"{finding_name(f.code)}：{f.message}" for f in naming)
    return {"value": value, "where": where, "marked": bool(naming), "note": f"{where} — {note}" if note else where}
