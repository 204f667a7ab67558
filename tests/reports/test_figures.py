import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from gongkai.core.errors import DomainError
from gongkai.reports.build import build_report
from gongkai.reports.figures import enter_figures, import_figures
from gongkai.reports.models import ArticleTwentyFigures, FigureSource
from tests.reports.helpers import make_agency

pytestmark = pytest.mark.django_db


def test_csv_import_records_the_figures_and_their_source():
    agency = make_agency("叶城县导入乡人民政府", short_name="导入乡")
    content = "机关,年度,行政许可,行政处罚,行政强制,行政事业性收费（万元）\n导入乡,2025,14,3,0,0.35\n".encode()
    (figures,) = import_figures(content=content, filename="业务系统导出.csv", actor="测试")
    assert (figures.licensing, figures.penalty, figures.fees_10k_yuan) == (14, 3, Decimal("0.35"))
    assert figures.source == FigureSource.CSV and "业务系统导出.csv" in figures.source_note
    assert build_report(agency, 2025).proactive.fees_10k_yuan == 0.35


def test_xlsx_import_replaces_earlier_figures_of_the_year():
    agency = make_agency("叶城县表格乡人民政府", short_name="表格乡")
    enter_figures(agency=agency, year=2025, actor="测试", licensing=1, penalty=1, coercion=1,
                  fees_10k_yuan=Decimal("0"))
    book = Workbook()
    book.active.append(["机关", "年度", "行政许可", "行政处罚", "行政强制", "行政事业性收费（万元）"])
    book.active.append([agency.name, 2025, 20, 0, 2, 1.5])
    buffer = io.BytesIO()
    book.save(buffer)
    import_figures(content=buffer.getvalue(), filename="figures.xlsx", actor="测试")
    figures = ArticleTwentyFigures.objects.get(agency=agency, year=2025)
    assert (figures.licensing, figures.coercion, figures.source) == (20, 2, FigureSource.XLSX)


def test_a_bad_row_names_its_line_and_nothing_is_written():
    make_agency("叶城县坏行乡人民政府", short_name="坏行乡")
    content = "机关,年度,行政许可,行政处罚,行政强制,行政事业性收费（万元）\n坏行乡,2025,1,0,0,0\n坏行乡,2024,-3,0,0,0\n"
    with pytest.raises(DomainError, match="第3行"):
        import_figures(content=content.encode(), filename="x.csv", actor="测试")
    assert not ArticleTwentyFigures.objects.exists()


def test_missing_columns_are_named():
    with pytest.raises(DomainError, match="行政强制"):
        import_figures(content="机关,年度,行政许可,行政处罚\n".encode(), filename="x.csv", actor="测试")
