import io
import json
from datetime import date

import jsonschema
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document

from gongkai.core.errors import DomainError
from gongkai.reports.render import docx as docx_render
from gongkai.reports.render import html as html_render
from gongkai.reports.render import pdf as pdf_render
from gongkai.reports.render.layout import appeals_table, applications_table, article20_tables, grid
from gongkai.statute.report import Report, Sections
from tests.paths import SCHEMA as SCHEMA_PATH
from tests.reports.helpers import make_agency

SCHEMA = json.loads(SCHEMA_PATH.read_text())


def _report():
    report = Report(agency="叶城县宗朗乡人民政府", year=2024, published_on=date(2025, 1, 20),
                    sections=Sections("（一）主动公开情况。在门户网站公开信息9条。", "问题", "未收取信息处理费。"))
    report.applications["new"]["natural_person"] = 2
    report.applications["new"]["total"] = 2
    return report


def test_every_table_fills_its_grid_exactly():
    report = _report()
    for table in [*article20_tables(report), applications_table(report), appeals_table(report)]:
        assert grid(table)


def test_html_has_the_templates_merged_header_cells():
    page = html_render.render_page(_report())
    assert 'rowspan="3" colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）' in page
    assert 'colspan="7">申请人情况' in page and 'colspan="5">法人或其他组织' in page
    assert 'rowspan="22">三、本年度办理结果' in page
    assert 'colspan="10">行政诉讼' in page
    assert "2025年1月20日" in page


def test_docx_is_a4_with_chinese_fonts_and_the_four_template_tables():
    _, _, content = docx_render.render(_report())
    doc = Document(io.BytesIO(content))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 'w:eastAsia="仿宋"' in doc.styles["Normal"].element.xml
    shapes = [(len(t.rows), len(t.columns)) for t in doc.tables]
    # 表二 as four small tables (二十条 (一)(五)(六)(八)), 表三 3 header + 25 data rows × 10, 表四 4 × 15
    assert shapes == [(3, 4), (2, 4), (3, 4), (2, 4), (28, 10), (4, 15)]
    table3 = doc.tables[4]
    assert table3.cell(3, 0).text == "一、本年新收政府信息公开申请数量"
    assert table3.cell(3, 3).text == "2" and table3.cell(3, 9).text == "2"
    assert table3.cell(0, 3).text == "申请人情况"


def test_pdf_is_made_with_cjk_fonts():
    if not pdf_render.cjk_font_available():
        pytest.skip("no Noto CJK font on this machine")
    name, mimetype, content = pdf_render.render(_report())
    assert content.startswith(b"%PDF") and name.endswith(".pdf")
    import pdfplumber

    with pdfplumber.open(io.BytesIO(content)) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    assert "收到和处理政府信息公开申请情况" in text


def test_pdf_without_a_cjk_font_is_refused_with_a_chinese_message():
    with pytest.raises(DomainError, match="未安装中文字体"):
        pdf_render.render(_report(), font_check=lambda: False)


def test_json_validates_against_the_shared_schema():
    _, _, content = __import__("gongkai.reports.render.json", fromlist=["render"]).render(_report())
    jsonschema.validate(json.loads(content), SCHEMA)


@pytest.mark.django_db
def test_cli_builds_json_for_an_agency_by_name(capsys):
    make_agency("叶城县测试乡人民政府", short_name="测试乡")
    call_command("report", "build", "--agency", "测试乡", "--year", "2024", "--format", "json")
    data = json.loads(capsys.readouterr().out)
    jsonschema.validate(data, SCHEMA)
    assert data["agency"] == "叶城县测试乡人民政府" and data["year"] == 2024


@pytest.mark.django_db
def test_cli_writes_docx_to_the_given_file(tmp_path):
    make_agency("叶城县测试乡人民政府", short_name="测试乡")
    out = tmp_path / "r.docx"
    call_command("report", "build", "--agency", "叶城县测试乡人民政府", "--year", "2024", "--format", "docx",
                 "--output", str(out))
    assert len(Document(str(out)).tables) == 6


@pytest.mark.django_db
def test_cli_names_an_unknown_agency():
    with pytest.raises(CommandError, match="找不到机关"):
        call_command("report", "build", "--agency", "不存在的机关", "--year", "2024")
