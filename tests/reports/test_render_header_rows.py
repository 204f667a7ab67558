"""表三 and 表四 longer than a page: their header rows print again on each page, each table's title once."""

import io
from datetime import date

import pytest
from docx import Document
from docx.oxml.ns import qn

from gongkai.reports.render import docx as docx_render
from gongkai.reports.render import html as html_render
from gongkai.reports.render import pdf as pdf_render
from gongkai.reports.render.layout import appeals_table, applications_table
from gongkai.statute.report import Report, Sections

TABLE3 = "三、收到和处理政府信息公开申请情况"


def _report(paragraphs=1):
    overview = "\n".join(f"（{n}）本年度依托门户网站、公开栏和政务新媒体公开政府信息，逐条落实三审制度，"
                         "确保发布信息准确、规范、及时，群众知晓率持续提高。" * 3 for n in range(paragraphs))
    return Report(agency="叶城县宗朗乡人民政府", year=2024, published_on=date(2025, 1, 20),
                  sections=Sections(overview, "问题", "未收取信息处理费。"))


def test_the_layout_knows_the_header_rows_of_tables_three_and_four():
    assert applications_table(_report()).header_rows == 3
    assert appeals_table(_report()).header_rows == 3


def test_docx_marks_the_header_rows_to_repeat_on_each_page():
    doc = Document(io.BytesIO(docx_render.render(_report())[2]))
    table3, table4 = doc.tables[4], doc.tables[5]
    for table in (table3, table4):
        marked = [row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None
                  for row in table.rows]
        assert marked[:3] == [True, True, True] and not any(marked[3:])
    captions = [p.text for p in doc.paragraphs].count(TABLE3)
    assert captions == 2  # the section heading and the table's title, each once


def test_html_puts_the_header_rows_in_a_thead_that_prints_on_each_page():
    page = html_render.render_page(_report())
    table3 = page[page.index(f"<caption>{TABLE3}</caption>"):]
    table3 = table3[:table3.index("</table>")]
    head, body = table3.split("</thead>")
    assert head.count("<tr>") == 3 and "申请人情况" in head and "一、本年新收" in body
    assert ".report-table thead { display: table-header-group; }" in page


def test_pdf_repeats_the_header_of_table_three_on_the_next_page():
    if not pdf_render.cjk_font_available():
        pytest.skip("no Noto CJK font on this machine")
    import pdfplumber

    content = pdf_render.render(_report(paragraphs=9))[2]
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        pages = [(page.extract_text() or "").replace(" ", "") for page in pdf.pages]
    first = next(i for i, text in enumerate(pages) if "一、本年新收" in text)
    last = next(i for i, text in enumerate(pages) if "四、结转下年度继续办理" in text)
    assert last > first, "the test report should make 表三 span a page break"
    for text in pages[first:last + 1]:
        assert "申请人情况" in text
    assert sum(text.count(TABLE3) for text in pages) == 2  # heading and title, not once per page
