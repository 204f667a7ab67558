"""The report as HTML: a fragment for the portal and staff pages, a standalone page for download and PDF."""

from __future__ import annotations

from django.template.loader import render_to_string

from gongkai.core.docx_text import xml_text
from gongkai.statute.report import Report

from .layout import appeals_table, applications_table, article20_tables


def paragraphs(text: str | None) -> list[str]:
    """The narrative's paragraphs; characters no XML/HTML document can hold (pasted control characters) dropped."""
    lines = (xml_text(line).strip() for line in (text or "").splitlines())
    return [line for line in lines if line]


def report_title(report: Report) -> str:
    return f"{report.agency or '（汇总）'}{report.year}年政府信息公开工作年度报告"


def date_text(report: Report) -> str:
    d = report.published_on
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def document_context(report: Report) -> dict:
    return {
        "title": report_title(report),
        "agency": report.agency or "",
        "date_text": date_text(report),
        "overview": paragraphs(report.sections.overview),
        "problems": paragraphs(report.sections.problems),
        "other": paragraphs(report.sections.other),
        "article20": article20_tables(report),
        "applications": applications_table(report),
        "appeals": appeals_table(report),
    }


def render_fragment(report: Report) -> str:
    return render_to_string("reports/_document.html", document_context(report))


def render_page(report: Report) -> str:
    return render_to_string("reports/document_page.html", document_context(report))


def render(report: Report) -> tuple[str, str, bytes]:
    return f"{report_title(report)}.html", "text/html; charset=utf-8", render_page(report).encode()
