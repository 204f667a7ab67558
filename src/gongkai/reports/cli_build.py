"""`gongkai report build --agency NAME_OR_CODE --year YEAR --format json|html|docx|pdf [--output FILE]`."""

from __future__ import annotations

import sys
from importlib import import_module
from pathlib import Path

from django.core.management.base import CommandError

from gongkai.agencies.lookup import find_agency
from gongkai.core.errors import DomainError

FORMATS = ("json", "html", "docx", "pdf")


def add_arguments(parser) -> None:
    parser.add_argument("--agency", required=True, help="机关全称、简称、统一社会信用代码或组织机构代码")
    parser.add_argument("--year", required=True, type=int, help="报告年度，如 2024")
    parser.add_argument("--format", choices=FORMATS, default="json", help="输出格式（默认 json）")
    parser.add_argument("--output", help="输出文件；省略时 json/html 写到标准输出，docx/pdf 用默认文件名")


def render_bytes(agency, year: int, fmt: str) -> tuple[str, str, bytes]:
    """The published report's frozen data when there is one, else the live build with the current draft text."""
    from .build import build_report
    from .narrative import draft_sections
    from .queries import published_report, working_report
    from .services import report_data

    stored = published_report(agency, year) or working_report(agency, year)
    if stored is not None:
        report = report_data(stored)
    else:
        report = build_report(agency, year)
        report.sections = draft_sections(agency, report)
    return import_module(f"gongkai.reports.render.{fmt}").render(report)


def handle(command, *, agency, year, format, output=None, **options):
    try:
        found = find_agency(agency)
        filename, _, content = render_bytes(found, year, format)
    except DomainError as exc:
        raise CommandError(exc.message) from exc
    if output is None and format in ("json", "html"):
        sys.stdout.write(content.decode() + "\n")
        return
    path = Path(output or filename)
    path.write_bytes(content)
    command.stdout.write(f"已生成 {path}（{len(content)} 字节）")
