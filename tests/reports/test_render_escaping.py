"""The annual report (.docx, HTML) and the checker's spreadsheet show typed text as text (issue #10)."""

import io
import zipfile
from datetime import date
from pathlib import Path
from types import SimpleNamespace

from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from gongkai.core.docx_text import xml_text
from gongkai.core.spreadsheet import read_value
from gongkai.reports.check_xlsx import write_findings
from gongkai.reports.render import docx as docx_render
from gongkai.reports.render import html as html_render
from gongkai.statute.report import Report, Sections

AGENCY = "叶城县R&D<试点>办公室"
RED = '</w:t></w:r><w:r><w:rPr><w:color w:val="FF0000"/></w:rPr><w:t>红色'
OVERVIEW = f"面积<100亩且投资>50万元的项目（R&D补助）\x01\n{RED}\n<script>alert(1)</script>\x0b 😀"


def _report(overview=OVERVIEW, problems="无", other=None, agency=AGENCY) -> Report:
    return Report(agency=agency, year=2024, published_on=date(2025, 1, 20),
                  sections=Sections(overview, problems, other))


def _docx(report) -> tuple[list[str], str]:
    _, _, content = docx_render.render(report)
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        xml = z.read("word/document.xml").decode()
    return [p.text for p in Document(io.BytesIO(content)).paragraphs], xml


def test_the_docx_report_shows_the_narrative_verbatim_and_takes_no_formatting_from_it():
    paragraphs, xml = _docx(_report())  # control characters no longer make python-docx raise
    assert paragraphs[0] == f"{AGENCY}2024年政府信息公开工作年度报告"
    assert "面积<100亩且投资>50万元的项目（R&D补助）" in paragraphs
    assert RED in paragraphs and "<script>alert(1)</script>" in paragraphs
    assert AGENCY in paragraphs[-2:]
    assert "<w:color" not in xml and "&lt;w:color" in xml


def test_the_html_report_escapes_the_narrative_and_drops_control_characters():
    page = html_render.render_page(_report())
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "面积&lt;100亩且投资&gt;50万元的项目（R&amp;D补助）</p>" in page
    assert "叶城县R&amp;D&lt;试点&gt;办公室" in page
    assert "\x01" not in page and "\x0b" not in page


CHARS = st.one_of(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
                  st.sampled_from("&<>\"'\n\r\t\x00\x01\x0c\ufffe"),
                  st.characters(min_codepoint=0x20, max_codepoint=0x7E),
                  st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF))
TEXT = st.lists(st.one_of(st.text(CHARS, max_size=20), st.sampled_from([RED, "<w:p>", "]]>", "&amp;"])),
                max_size=10).map("".join)


@settings(max_examples=30)
@given(overview=TEXT, agency=TEXT)
def test_any_narrative_gives_a_report_that_opens_and_says_it(overview, agency):
    paragraphs, xml = _docx(_report(overview=overview, agency=agency))
    for line in html_render.paragraphs(overview):
        assert line in paragraphs
    assert "<w:color" not in xml


def test_the_checker_spreadsheet_keeps_formulas_as_text_and_drops_control_characters(tmp_path):
    report = _report(agency='=HYPERLINK("http://example.invalid","点此")\x01')
    path = tmp_path / "findings.xlsx"
    write_findings(path, [SimpleNamespace(path=Path("+cmd.docx"), report=report)])
    row = list(load_workbook(path).active.iter_rows(min_row=2, max_row=2))[0]
    # Text, never a formula: the apostrophe escape of core.spreadsheet, which read_value takes off again.
    assert [c.data_type for c in row[:2]] == ["s", "s"]
    assert [read_value(c.value) for c in row[:2]] == ["+cmd.docx", '=HYPERLINK("http://example.invalid","点此")']


def test_xml_text_keeps_newlines_and_tabs_and_drops_what_xml_cannot_hold():
    assert xml_text("a\r\nb\rc\td\x00e\x0cf\ud800g\uffffh") == "a\nb\nc\tdefgh"
    assert xml_text(None) == "" and xml_text(12) == "12"
