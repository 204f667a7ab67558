"""The report checker (check.py) run on a published report object, its result stored on the report.

A published report never changes (a 更正 is a new report), so its findings are computed once: at publication,
or, for a report published before this existed, the first time the supervisor's overview needs them."""

from __future__ import annotations

import logging
from collections import Counter

from gongkai.statute.report import Report

from .check import SEVERITY_ORDER
from .guards import checker_findings
from .models import AnnualReport, ReportState

log = logging.getLogger(__name__)

SEVERITIES = ("error", "warning", "info")


def stored_result(findings, report: AnnualReport) -> dict:
    """What `checker_result` holds: counts by severity, and the findings, errors first."""
    if report.corrects_id:
        # A 更正 is dated the day it is signed off; whether the year's report came out by 31 January is a fact
        # about the report it corrects (whose own result keeps it), not an error of the correction.
        findings = [f for f in findings if f.code != "late_publication"]
    findings = sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity])
    counts = Counter(str(f.severity) for f in findings)
    return {"counts": {s: counts.get(s, 0) for s in SEVERITIES}, "findings": [f.to_json() for f in findings]}


def run_checker(report: AnnualReport) -> dict | None:
    """The checker's findings on the published text (the HTML the portal shows), or None without frozen data."""
    if not report.frozen:
        return None
    return stored_result(checker_findings(Report.from_json(report.frozen)), report)


def safe_run(report: AnnualReport) -> dict | None:
    """`run_checker`, but a checker failure never stops a publication or a page: None, and a log line."""
    try:
        return run_checker(report)
    except Exception:  # noqa: BLE001 - the checker reads arbitrary text; publishing must not depend on it
        log.exception("年度报告检查失败：%s", report)
        return None


def ensure_checked(reports) -> None:
    """Fills `checker_result` of the published reports that lack it: their frozen data in one SELECT (the caller
    may have deferred it), their results in one UPDATE."""
    missing = {r.pk: r for r in reports if r.state == ReportState.PUBLISHED and r.checker_result is None}
    if not missing:
        return
    frozen = dict(AnnualReport.objects.filter(pk__in=list(missing)).values_list("pk", "frozen"))
    done = []
    for pk, report in missing.items():
        report.frozen = frozen.get(pk)
        report.checker_result = safe_run(report)
        if report.checker_result is not None:
            done.append(report)
    if done:
        AnnualReport.objects.bulk_update(done, ["checker_result"])
