"""The report as .docx: A4, 宋体 title and tables, 仿宋 body text (w:eastAsia), the template's four tables."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from gongkai.core.docx_text import xml_text
from gongkai.statute.report import Report

from .html import date_text, paragraphs, report_title
from .layout import Table, appeals_table, applications_table, article20_tables, grid

BODY_FONT = "仿宋"
TABLE_FONT = "宋体"


def set_run_font(run, name: str, size: float | None = None, bold: bool = False) -> None:
    run.font.name = name
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
    if size:
        run.font.size = Pt(size)
    run.bold = bold or None


def _paragraph(doc, text: str, *, font=BODY_FONT, size=14.0, bold=False, align=None, indent=True):
    p = doc.add_paragraph()
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    if align is not None:
        p.alignment = align
    # python-docx escapes; a character XML cannot hold (a control character pasted into the narrative)
    # would raise instead, so it is dropped like in the letters
    set_run_font(p.add_run(xml_text(text)), font, size, bold)
    return p


def _table(doc, table: Table) -> None:
    _paragraph(doc, table.caption, font=TABLE_FONT, size=11, bold=True, indent=False)
    cells = grid(table)
    t = doc.add_table(rows=table.height, cols=table.width)
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, row in enumerate(cells):
        for c, cell in enumerate(row):
            if cell is None:
                continue
            target = t.cell(r, c)
            if cell.rowspan > 1 or cell.colspan > 1:
                target = target.merge(t.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
            p = target.paragraphs[0]
            if cell.number or cell.header:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            set_run_font(p.add_run(xml_text(cell.text)), TABLE_FONT, 9, bold=False)
    for row in t.rows[:table.header_rows]:
        _repeat_as_header(row)


def _repeat_as_header(row) -> None:
    """w:tblHeader: Word prints the row again at the top of each page the table continues on."""
    mark = OxmlElement("w:tblHeader")
    mark.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(mark)


def build_document(report: Report):
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin = section.bottom_margin = Mm(25)
    normal = doc.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    normal.font.size = Pt(14)
    _paragraph(doc, report_title(report), font=TABLE_FONT, size=20, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER,
               indent=False)
    _heading(doc, "一、总体情况")
    for text in paragraphs(report.sections.overview):
        _paragraph(doc, text)
    _heading(doc, "二、主动公开政府信息情况")
    for table in article20_tables(report):
        _table(doc, table)
    _heading(doc, "三、收到和处理政府信息公开申请情况")
    _table(doc, applications_table(report))
    _heading(doc, "四、政府信息公开行政复议、行政诉讼情况")
    _table(doc, appeals_table(report))
    _heading(doc, "五、存在的主要问题及改进情况")
    for text in paragraphs(report.sections.problems):
        _paragraph(doc, text)
    _heading(doc, "六、其他需要报告的事项")
    for text in paragraphs(report.sections.other):
        _paragraph(doc, text)
    for line in (report.agency or "", date_text(report)):
        if line:
            _paragraph(doc, line, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    return doc


def _heading(doc, text: str) -> None:
    _paragraph(doc, text, font="黑体", size=16, indent=True)


def render(report: Report) -> tuple[str, str, bytes]:
    buffer = io.BytesIO()
    build_document(report).save(buffer)
    mimetype = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return f"{report_title(report)}.docx", mimetype, buffer.getvalue()
