"""The report as PDF through WeasyPrint, with the Noto CJK fonts; no CJK font → a clear error, never boxes."""

from __future__ import annotations

import shutil
import subprocess

from gongkai.core.errors import DomainError
from gongkai.statute.report import Report

from .html import render_page, report_title

CJK_FONTS = ("Noto Serif CJK SC", "Noto Sans CJK SC")
MISSING_FONT_MESSAGE = (
    "无法生成 PDF：服务器未安装中文字体（Noto Serif CJK SC / Noto Sans CJK SC）。"
    "请管理员安装 fonts-noto-cjk 后重试；在此之前可下载 Word 或网页版本。"
)


def cjk_font_available() -> bool:
    """fc-list knows at least one of the fonts the stylesheet names."""
    if shutil.which("fc-list") is None:
        return False
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return any(font in out for font in CJK_FONTS)


def render(report: Report, *, font_check=cjk_font_available) -> tuple[str, str, bytes]:
    if not font_check():
        raise DomainError(MISSING_FONT_MESSAGE)
    from weasyprint import HTML

    pdf = HTML(string=render_page(report)).write_pdf()
    return f"{report_title(report)}.pdf", "application/pdf", pdf
