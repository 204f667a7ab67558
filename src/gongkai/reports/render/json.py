"""The report as the project's schema's JSON (statute/annual-report.schema.json)."""

from __future__ import annotations

from gongkai.statute.report import Report

from .html import report_title


def render(report: Report) -> tuple[str, str, bytes]:
    return f"{report_title(report)}.json", "application/json", report.dumps(indent=1).encode()
