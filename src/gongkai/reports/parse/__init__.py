"""Read a published annual report (text, HTML, .docx, PDF) into the shared report object."""

from __future__ import annotations

from pathlib import Path

from gongkai.statute.report import Finding, Severity

from .document import Parsed, missing_sections, parse_text
from .ocr import MIN_NUMBER_SCORE
from .readers import SUPPORTED, PdfReading, UnusableInput, is_pdf, pdf_reading, read_bytes

__all__ = ["Parsed", "UnusableInput", "SUPPORTED", "parse_bytes", "parse_path", "parse_text", "missing_sections"]


def parse_bytes(data: bytes, name: str) -> Parsed:
    reading = pdf_reading(data) if is_pdf(data, name) else None
    text = reading.text if reading else read_bytes(data, name)
    if not text.strip():
        raise UnusableInput(f"{name}：文件中没有文字")
    parsed = parse_text(text)
    if reading and reading.scanned_pages:
        parsed.report.findings.insert(0, scanned_finding(reading))
    return parsed


def scanned_finding(reading: PdfReading) -> Finding:
    """What the reader of a scan should know: which pages were read by OCR, and how sure the cells are."""
    pages = "全部" if reading.scanned_pages == reading.pages else f"{reading.scanned_pages}/{reading.pages}"
    sure = f"，最低置信度{reading.lowest:.2f}" if reading.lowest is not None else ""
    unsure = f"，其中{reading.unsure}个置信度低于{MIN_NUMBER_SCORE:.2f}，按无法读取处理" if reading.unsure else ""
    return Finding(
        "scanned",
        Severity.INFO,
        f"PDF 为扫描件（{pages}页没有文字层），已用文字识别（OCR）读取：表格单元格{reading.cells}个{sure}{unsure}；"
        "请对照原件核对数字",
        "全文",
    )


def parse_path(path: str | Path) -> Parsed:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnusableInput(f"无法读取文件 {path}：{exc.strerror or exc}") from exc
    return parse_bytes(data, path.name)
