"""Input formats → text the parser reads: tables become `a | b | c` rows, one row per line.

HTML (stdlib html.parser; rowspan/colspan cells appear once, empty cells stay empty), .docx
(python-docx, body order, merged cells once), .pdf (pdfplumber: real tables as rows where the PDF
has them, the words around them as text lines in reading order), plain text in UTF-8 or GB18030.
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path


class UnusableInput(Exception):
    """The file cannot be read as a report at all (message in Chinese)."""


TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | {".docx", ".pdf"}


def row_line(cells: list[str]) -> str:
    """One table row: every cell ends with “|”, so an empty last cell survives stripping."""
    return "".join(f"{cell} | " for cell in cells).rstrip()


def read_bytes(data: bytes, name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix == ".docx":
        return docx_text(data)
    if suffix == ".pdf" or data[:5] == b"%PDF-":
        return pdf_text(data)
    if suffix == ".doc":
        raise UnusableInput(f"{name}：不支持旧版 Word（.doc）文件，请另存为 .docx 或 PDF")
    if suffix not in SUPPORTED:
        raise UnusableInput(f"{name}：不支持的文件类型“{suffix}”（支持 txt、html、docx、pdf）")
    text = decode(data, name)
    if suffix in HTML_SUFFIXES or re.match(r"\s*(<!doctype html|<html|<table|<div|<p[ >])", text[:500], re.I):
        return html_text(text)
    return text


def decode(data: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnusableInput(f"{name}：无法识别文件编码（应为 UTF-8 或 GBK）")


# --- HTML ----------------------------------------------------------------------------------------

BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "section",
    "article",
    "title",
    "tr",
    "table",
    "ul",
    "ol",
    "center",
    "header",
    "footer",
}
SKIP_TAGS = {"script", "style", "noscript", "head"}


class _HtmlText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.skip = 0
        self.tables = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIP_TAGS:
            self.skip += 1
        elif tag == "table":
            self.tables += 1
            self.out.append("\n")
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
        elif tag == "br" and self.cell is not None:
            self.cell.append(" ")
        elif tag in BLOCK_TAGS and self.cell is None:
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append(re.sub(r"\s+", " ", "".join(self.cell)).strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.out.append("\n" + row_line(self.row) + "\n")
            self.row = None
        elif tag == "table":
            self.tables = max(0, self.tables - 1)
            self.out.append("\n")
        elif tag in BLOCK_TAGS and self.cell is None:
            self.out.append("\n")

    def handle_data(self, data):
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
        elif self.row is None:
            self.out.append(re.sub(r"[ \t\r\n]+", " ", data) if data.strip() else "")


def html_text(html: str) -> str:
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    lines = [line.strip() for line in "".join(parser.out).split("\n")]
    return "\n".join(line for line in lines if line)


# --- .docx ---------------------------------------------------------------------------------------


def docx_text(data: bytes) -> str:
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for a damaged or foreign file
        raise UnusableInput(f"无法打开 Word 文件：{exc.__class__.__name__}") from exc
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(block, document).text)
        elif tag == "tbl":
            lines.extend(_docx_rows(Table(block, document)))
    return "\n".join(lines)


def _docx_rows(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is returned once per grid column it spans
                continue
            seen.add(id(cell._tc))
            cells.append(re.sub(r"\s+", " ", cell.text).strip())
        rows.append(row_line(cells))
    return rows


# --- .pdf ----------------------------------------------------------------------------------------


def pdf_text(data: bytes) -> str:
    try:
        import pdfplumber

        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many kinds for a damaged file
        raise UnusableInput(f"无法打开 PDF 文件：{exc.__class__.__name__}") from exc
    parts: list[str] = []
    with pdf:
        for page in pdf.pages:
            parts.extend(_pdf_page(page))
    text = "\n".join(parts)
    if not re.search(r"[\u4e00-\u9fff]", text):
        raise UnusableInput("PDF 中没有可提取的文字（可能是扫描件），请先做文字识别（OCR）")
    return text


def _pdf_page(page) -> list[str]:
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside(obj) -> bool:
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    items: list[tuple[float, str]] = []
    for table in tables:
        rows = [row_line([re.sub(r"\s+", " ", c or "").strip() for c in row]) for row in table.extract()]
        items.append((table.bbox[1], "\n".join(rows)))
    text_page = page.filter(outside) if boxes else page
    for line in text_page.extract_text_lines():
        items.append((line["top"], line["text"]))
    items.sort(key=lambda item: item[0])
    return [text for _, text in items]
