"""Input formats → text the parser reads: tables become `a | b | c` rows, one row per line.

HTML (stdlib html.parser; rowspan/colspan cells appear once, empty cells stay empty), .docx
(python-docx, body order, merged cells once), .pdf (pdfplumber: real tables as rows where the PDF
has them, the words around them as text lines in reading order), plain text in UTF-8 or GB18030.
Old Word and WPS files (.doc, .wps) are converted by a tool the machine has: LibreOffice
(`soffice --headless --convert-to docx`, tables kept), else antiword or catdoc (text only); RTF and
OpenDocument (.rtf, .odt) by LibreOffice only. Without a tool the file is reported as unusable with a
message that says so.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path


class UnusableInput(Exception):
    """The file cannot be read as a report at all (message in Chinese)."""


TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
LEGACY_SUFFIXES = {".doc", ".wps"}
OFFICE_SUFFIXES = {".rtf", ".odt"}  # LibreOffice reads them; antiword and catdoc do not
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | {".docx", ".pdf"} | LEGACY_SUFFIXES | OFFICE_SUFFIXES
SUPPORTED_NAMES = "txt、html、docx、pdf、doc、wps、rtf、odt"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
OLE_HEADER = OLE_MAGIC + b"\xa1\xb1\x1a\xe1"  # a compound file (Word 97–2003, WPS) starts with these 8 bytes
CONVERT_SECONDS = 120


def row_line(cells: list[str]) -> str:
    """One table row: every cell ends with “|”, so an empty last cell survives stripping."""
    return "".join(f"{cell} | " for cell in cells).rstrip()


def read_bytes(data: bytes, name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix == ".docx":
        return docx_text(data)
    if is_pdf(data, name):
        return pdf_text(data)
    if suffix in LEGACY_SUFFIXES | OFFICE_SUFFIXES or (data[:4] == OLE_MAGIC and suffix in TEXT_SUFFIXES):
        return legacy_text(data, name)
    if suffix not in SUPPORTED:
        raise UnusableInput(f"{name}：不支持的文件类型“{suffix}”（支持 {SUPPORTED_NAMES}）")
    text = decode(data, name)
    if suffix in HTML_SUFFIXES or re.match(r"\s*(<!doctype html|<html|<table|<div|<p[ >])", text[:500], re.I):
        return html_text(text)
    return text


def is_pdf(data: bytes, name: str) -> bool:
    return Path(name).suffix.lower() == ".pdf" or data[:5] == b"%PDF-"


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
SKIP_TAGS = {"script", "style", "noscript", "head", "select", "button", "iframe", "svg"}
TITLE_SPLIT = re.compile(r"\s*(?:[_|｜]|--|——|-\s)\s*")


class _Table:
    """One open <table>: its rows so far; `layout` once a table turned up inside one of its cells."""

    def __init__(self):
        self.rows: list[list[str]] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.layout = False


class _HtmlText(HTMLParser):
    """Page text with data tables as `a | b | c` rows. A table that holds another table in a cell is page
    layout (CMS templates nest the report in one): its cells become plain blocks of text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.tables: list[_Table] = []
        self.skip = 0
        self.in_title = False
        self.title: list[str] = []

    @property
    def table(self) -> _Table | None:
        return self.tables[-1] if self.tables else None

    def _in_cell(self) -> bool:
        return self.table is not None and not self.table.layout and self.table.cell is not None

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self.in_title = True
            return
        if tag in SKIP_TAGS:
            self.skip += 1
            return
        table = self.table
        if tag == "table":
            if table is not None and not table.layout and table.cell is not None:
                self._become_layout(table)
            self.tables.append(_Table())
            self.out.append("\n")
        elif table is not None and table.layout:
            if tag in BLOCK_TAGS or tag in ("td", "th"):
                self.out.append("\n")
        elif tag == "tr" and table is not None:
            table.row = []
        elif tag in ("td", "th") and table is not None:
            if table.row is None:
                table.row = []
            table.cell = []
        elif tag in ("br", "p", "div") and self._in_cell():
            table.cell.append(" ")
        elif tag in BLOCK_TAGS and not self._in_cell():
            self.out.append("\n")

    def _become_layout(self, table: _Table) -> None:
        """Flush what the table collected as text: it is a layout table, not a report table."""
        table.layout = True
        for row in table.rows:
            self.out.extend(f"\n{cell}\n" for cell in row)
        for cell in table.row or []:
            self.out.append(f"\n{cell}\n")
        if table.cell:
            self.out.append("\n" + "".join(table.cell) + "\n")
        table.rows, table.row, table.cell = [], None, None

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
            return
        if tag in SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
            return
        table = self.table
        if tag == "table":
            if table is not None:
                self.tables.pop()
                if not table.layout:
                    if table.row:
                        table.rows.append(table.row)
                    self.out.append("\n" + "\n".join(row_line(r) for r in trim_grid(table.rows)) + "\n")
            self.out.append("\n")
        elif table is not None and table.layout:
            if tag in BLOCK_TAGS or tag in ("td", "th"):
                self.out.append("\n")
        elif tag in ("td", "th") and table is not None and table.cell is not None:
            if table.row is None:
                table.row = []
            table.row.append(re.sub(r"\s+", " ", "".join(table.cell)).strip())
            table.cell = None
        elif tag == "tr" and table is not None and table.row is not None:
            table.rows.append(table.row)
            table.row = None
        elif tag in BLOCK_TAGS and not self._in_cell():
            self.out.append("\n")

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
            return
        if self.skip:
            return
        table = self.table
        if table is not None and not table.layout:
            if table.cell is not None:
                table.cell.append(data)
            return  # text between cells of a data table is markup whitespace
        self.out.append(re.sub(r"[ \t\r\n]+", " ", data) if data.strip() else "")


def trim_grid(rows: list[list[str]]) -> list[list[str]]:
    """Drop rows with no text at all and columns that are empty in every row (spacer cells of a layout).

    One empty row stays: the figures' row of 表四 under its headers, left blank by an agency that had no
    行政复议 or 行政诉讼 — those are fifteen blank cells (zeros, with a finding), not a table without figures."""
    rows = [row for i, row in enumerate(rows) if any(cell.strip() for cell in row) or _blank_appeals_row(rows, i)]
    if not rows:
        return rows
    width = max(len(row) for row in rows)
    if width <= 1 or any(len(row) != width for row in rows):
        return rows  # spans make the columns unaligned: leave the cells as they are
    keep = [i for i in range(width) if any(row[i].strip() for row in rows)]
    if len(keep) == width:
        return rows
    return [[row[i] for i in keep] for row in rows]


def _blank_appeals_row(rows: list[list[str]], i: int) -> bool:
    above = "".join(rows[i - 1]) if i else ""
    return len(rows[i]) >= 5 and "尚未审结" in above and "总计" in above


def html_text(html: str) -> str:
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    while parser.tables:  # a page cut off inside a table
        parser.handle_endtag("table")
    lines = [line.strip() for line in "".join(parser.out).split("\n")]
    body = "\n".join(line for line in lines if line)
    title = re.sub(r"\s+", " ", "".join(parser.title)).strip()
    if title:
        first = TITLE_SPLIT.split(title)[0].strip()
        if first and first not in body[:2000] and re.search(r"报告$", first):
            body = first + "\n" + body
    return body


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
    rows: list[list[str]] = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is returned once per grid column it spans
                continue
            seen.add(id(cell._tc))
            cells.append(re.sub(r"\s+", " ", cell.text).strip())
        rows.append(cells)
    return [row_line(cells) for cells in trim_grid(rows)]


# --- .doc / .wps, .rtf / .odt ---------------------------------------------------------------------

CONVERTERS = ("soffice", "libreoffice", "antiword", "catdoc")


def converters() -> list[tuple[str, str]]:
    """The conversion tools installed here, best first: (name, path)."""
    found = [(tool, shutil.which(tool)) for tool in CONVERTERS]
    return [(tool, path) for tool, path in found if path]


def _office_kind(data: bytes) -> str | None:
    """What the bytes are, whatever the file is called: a compound file (Word 97–2003, WPS), RTF, or
    OpenDocument text (a zip whose first entry names its type)."""
    if data.startswith(OLE_HEADER):
        return "ole"
    if data[:5] == b"{\\rtf":
        return "rtf"
    if data[:4] == b"PK\x03\x04" and b"application/vnd.oasis.opendocument.text" in data[:200]:
        return "odf"
    return None


def legacy_text(data: bytes, name: str) -> str:
    """An old Word/WPS, RTF or OpenDocument file through the first tool that reads it; a clear message
    when none can."""
    suffix = Path(name).suffix.lower() or ".doc"
    what = "旧版 Word/WPS 文件" if suffix in LEGACY_SUFFIXES | TEXT_SUFFIXES else "文档"
    kind = _office_kind(data)
    if kind is None:
        head = data[:500].decode("utf-8", "ignore")
        if re.match(r"\s*(<!doctype html|<html)", head, re.I):
            return html_text(decode(data, name))  # a web page saved under a .doc name (“Word HTML”)
        expected = {".rtf": "RTF", ".odt": "OpenDocument"}.get(suffix, "Word/WPS")
        raise UnusableInput(f"{name}：{what}（{suffix}）无法转换（文件头不是 {expected} 格式，"
                            "文件可能已损坏）；请另存为 .docx 或 PDF 后再检查")
    # antiword and catdoc read only the binary format; RTF and OpenDocument need LibreOffice
    tools = [(tool, path) for tool, path in converters() if kind == "ole" or tool in ("soffice", "libreoffice")]
    if not tools:
        needed = "LibreOffice、antiword 或 catdoc" if kind == "ole" else "LibreOffice"
        raise UnusableInput(
            f"{name}：{what}（{suffix}）需要转换工具才能读取（{needed}），"
            f"本机{'均' if kind == 'ole' else ''}未安装；请另存为 .docx 或 PDF 后再检查"
        )
    problems = []
    with tempfile.TemporaryDirectory(prefix="gongkai-convert-") as folder:
        source = Path(folder) / f"report{suffix}"
        source.write_bytes(data)
        for tool, path in tools:
            try:
                text = _convert(tool, path, source)
            except subprocess.CalledProcessError as exc:
                said = (exc.stderr or b"").decode("utf-8", "replace").strip().splitlines()
                problems.append(f"{tool}：退出码{exc.returncode}" + (f"，{said[0][:60]}" if said else ""))
                continue
            except subprocess.TimeoutExpired:
                problems.append(f"{tool}：超过{CONVERT_SECONDS}秒未完成")
                continue
            except (OSError, UnusableInput) as exc:
                problems.append(f"{tool}：{str(exc)[:60] or exc.__class__.__name__}")
                continue
            if text.strip():
                return text
            problems.append(f"{tool}：没有读出文字")
    tried = "；".join(problems)
    raise UnusableInput(f"{name}：{what}（{suffix}）无法转换（{tried}）；请另存为 .docx 或 PDF 后再检查")


def _convert(tool: str, path: str, source: Path) -> str:
    if tool in ("soffice", "libreoffice"):
        out = source.parent / "out"
        profile = source.parent / "profile"  # a private profile: no clash with a running LibreOffice
        subprocess.run(
            [path, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "docx",
             "--outdir", str(out), str(source)],
            capture_output=True, timeout=CONVERT_SECONDS, check=True,
        )
        converted = out / (source.stem + ".docx")
        if not converted.exists():
            raise UnusableInput("未生成 .docx")
        return docx_text(converted.read_bytes())
    if tool == "antiword":
        arguments = [path, "-m", "UTF-8.txt", "-w", "0", str(source)]
    else:
        arguments = [path, "-d", "utf-8", "-w", str(source)]
    result = subprocess.run(arguments, capture_output=True, timeout=CONVERT_SECONDS, check=True)
    return decode(result.stdout, source.name)


# --- .pdf ----------------------------------------------------------------------------------------


def pdf_text(data: bytes) -> str:
    return pdf_reading(data).text


@dataclass
class PdfReading:
    text: str
    scanned_pages: int = 0  # pages read by OCR (no text layer)
    pages: int = 0
    cells: int = 0  # table cells read by OCR
    unsure: int = 0  # of them, cells recognised with too little confidence: left unreadable
    lowest: float | None = None  # the lowest confidence of a table cell OCR kept


def pdf_reading(data: bytes) -> PdfReading:
    """A PDF's text; a page without a text layer (a scan) is read by OCR."""
    try:
        import pdfplumber

        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many kinds for a damaged file
        raise UnusableInput(f"无法打开 PDF 文件：{exc.__class__.__name__}") from exc
    parts: list[str] = []
    reading = PdfReading("")
    with pdf:
        for page in pdf.pages:
            if reading.pages:
                parts.append("\f")  # a page break: the parser knows a page's first and last lines by it
            reading.pages += 1
            if _is_scan(page):
                page_text = _ocr_page(page)
                reading.scanned_pages += 1
                reading.cells += page_text.cells
                reading.unsure += page_text.unsure
                if page_text.lowest is not None:
                    reading.lowest = min(page_text.lowest, reading.lowest or 1.0)
                parts.extend(page_text.lines)
            else:
                parts.extend(_pdf_page(page))
    reading.text = "\n".join(parts)
    if not re.search(r"[\u4e00-\u9fff]", reading.text):
        raise UnusableInput("PDF 中没有可提取的文字，也未能识别出文字（扫描件过于模糊或不是报告）")
    return reading


def _is_scan(page) -> bool:
    """A page whose text is an image: images on it and (almost) no characters in its text layer."""
    if not page.images:
        return False
    cjk = sum(1 for char in page.chars if "\u4e00" <= char.get("text", "") <= "\u9fff")
    return cjk < 10


def _ocr_page(page):
    from . import ocr

    if not ocr.available():
        raise UnusableInput("PDF 是扫描件（没有文字层），本机未安装文字识别组件 rapidocr_onnxruntime，无法读取")
    return ocr.read_page(ocr.page_image(page))


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
