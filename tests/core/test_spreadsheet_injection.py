"""Spreadsheet formula injection (issue #11 point 2): no export writes a cell a spreadsheet would run.

Each export is checked on a workbook read back with openpyxl: no formula cells, no text starting with a
formula trigger; numbers and dates keep their types; the project's own imports read an escaped value back
as it was typed.
"""

import io
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from gongkai.agencies.models import Role
from gongkai.catalog import importexport
from gongkai.catalog import services as catalog_services
from gongkai.catalog.models import Item
from gongkai.catalog.review import Action
from gongkai.core.spreadsheet import FORMULA_TRIGGERS, cell_value, read_value
from gongkai.disclosure_requests import ledger
from gongkai.disclosure_requests import services as request_services
from gongkai.disclosure_requests.models import Request
from gongkai.reports.check_xlsx import write_findings
from gongkai.reports.cli_check import Outcome
from gongkai.statute.report import Finding, Report, Severity
from tests.factories import AgencyFactory, staff

HYPERLINK = '=HYPERLINK("http://e.x","c")'
DDE = "=cmd|' /C calc'!A0"
NASTY = [HYPERLINK, DDE, "+1+1", "-2+3", "@SUM(1,2)", "\t=1+1", "\r=1+1", "\n=1+1", "'=1+1"]
SRC = Path(__file__).resolve().parents[2] / "src" / "gongkai"


def _cells(content):
    book = load_workbook(io.BytesIO(content) if isinstance(content, bytes) else content)
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def _assert_inert(cells):
    for cell in cells:
        assert cell.data_type != "f", f"{cell.coordinate} is a formula: {cell.value!r}"
        if isinstance(cell.value, str):
            assert not cell.value.startswith(FORMULA_TRIGGERS), f"{cell.coordinate}: {cell.value!r}"


# --- the helper ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", NASTY)
def test_text_a_spreadsheet_would_run_gets_an_apostrophe(text):
    assert cell_value(text) == "'" + text
    assert read_value(cell_value(text)) == text


@pytest.mark.parametrize("value", [None, 0, -5, 3.25, date(2025, 3, 10), datetime(2025, 3, 10, 9, 30),
                                   "13800000000", "宗政发〔2025〕3号", "", "1=1"])
def test_numbers_dates_and_ordinary_text_are_written_as_they_are(value):
    assert cell_value(value) == value


def test_control_characters_xlsx_cannot_hold_are_dropped_not_a_crash():
    assert cell_value("电话\x0b138") == "电话138"


@given(st.text())
def test_what_was_typed_reads_back_unchanged(text):
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    typed = ILLEGAL_CHARACTERS_RE.sub("", text)
    assert read_value(cell_value(typed)) == typed


def test_every_module_that_writes_a_spreadsheet_goes_through_the_helper():
    """A new export must use gongkai.core.spreadsheet; this names the module that does not."""
    writer = re.compile(r"\bWorkbook\(|csv\.writer\(|csv\.DictWriter\(")
    writers = [p for p in SRC.rglob("*.py") if writer.search(p.read_text(encoding="utf-8"))]
    assert writers, "no export found: the pattern is out of date"
    offenders = [str(p.relative_to(SRC)) for p in writers
                 if "gongkai.core.spreadsheet" not in p.read_text(encoding="utf-8")]
    assert offenders == []


# --- 台账 ------------------------------------------------------------------------------------------


@pytest.fixture
def agency(db):
    return AgencyFactory(name="叶城县宗朗乡人民政府", short_name="宗朗乡")


@pytest.fixture
def clerk(agency):
    return staff(agency, Role.CLERK)


def _register(agency, clerk, **fields):
    data = {"applicant_type": "natural_person", "applicant_name": "张三", "id_type": "resident_id",
            "id_number": "11010519491231002X", "phone": "13800000000", "email": "zhangsan@example.com",
            "description": "2024年宗朗乡惠民补贴资金发放名单", "form_wanted": "paper", "delivery": "post",
            "channel": "in_person", **fields}
    return request_services.register_request(agency=agency, actor=clerk, received_on=date(2025, 3, 3),
                                              fields=data)


def test_ledger_export_writes_applicant_text_as_text_and_dates_as_dates(agency, clerk):
    _register(agency, clerk, phone=HYPERLINK, address=DDE, applicant_name="@张三")
    cells = _cells(ledger.export_xlsx(Request.objects.all(), year=2025))
    _assert_inert(cells)
    values = {c.value for c in cells}
    assert "'" + HYPERLINK in values and "'" + DDE in values and "'@张三" in values
    received = next(c for c in cells if c.column_letter == "D" and c.row == 2)
    assert isinstance(received.value, datetime) and received.value.date() == date(2025, 3, 3)


def test_ledger_import_reads_its_own_export_back_as_typed(agency, clerk):
    _register(agency, clerk, address=DDE, description="+1 宗朗乡衔接项目公示", applicant_name="'张三")
    content = ledger.export_xlsx(Request.objects.all(), year=2025)
    assert ledger.import_xlsx(content, actor=clerk).count == 1
    again = Request.objects.order_by("-id").first()
    assert again.address == DDE
    assert again.description == "+1 宗朗乡衔接项目公示"
    assert again.applicant_name == "'张三"
    assert again.received_on == date(2025, 3, 3)


# --- 政府信息公开目录 ------------------------------------------------------------------------------


@pytest.fixture
def published(agency, clerk):
    def make(**data):
        item = catalog_services.create_item(agency=agency, author=clerk, data=data)
        review = catalog_services.submit_for_review(item=item, user=clerk)
        for role in (Role.REVIEWER_FIRST, Role.REVIEWER_SECOND, Role.REVIEWER_FINAL):
            review = catalog_services.act_on_review(review=review, user=staff(agency, role),
                                                    action=Action.APPROVE)
        return item
    return make


def test_catalog_export_writes_titles_and_doc_numbers_as_text(agency, published):
    published(title=HYPERLINK, doc_number=DDE, summary="-内容概述", publisher="@宗朗乡", art20_item=11,
              written_on=date(2025, 3, 10))
    cells = _cells(importexport.export_xlsx(Item.objects.filter(agency=agency)))
    _assert_inert(cells)
    values = {c.value for c in cells}
    assert {"'" + HYPERLINK, "'" + DDE, "'-内容概述", "'@宗朗乡"} <= values
    assert 11 in values  # 第二十条 stays a number


def test_catalog_import_reads_its_own_export_back_as_typed(agency, clerk, published):
    published(title=HYPERLINK, doc_number=DDE, summary="'引号开头", publisher="+宗朗乡")
    content = importexport.export_xlsx(Item.objects.filter(agency=agency))
    importexport.import_xlsx(agency=agency, user=clerk, content=content)
    draft = Item.objects.filter(agency=agency, state="draft").get()
    assert (draft.title, draft.doc_number, draft.summary, draft.publisher) == (HYPERLINK, DDE, "'引号开头", "+宗朗乡")


# --- the checker's findings ------------------------------------------------------------------------


def test_checker_findings_spreadsheet_writes_report_text_as_text(tmp_path):
    report = Report(agency=DDE, year=2024, published_on=date(2025, 1, 20), findings=[
        Finding("late_publication", Severity.ERROR, HYPERLINK, "@表三"),
        Finding("note", Severity.INFO, "-1 行", None)])
    out = tmp_path / "findings.xlsx"
    write_findings(out, [Outcome(Path("=1+1.txt"), report)])
    cells = _cells(out)
    _assert_inert(cells)
    values = {c.value for c in cells}
    assert {"'" + DDE, "'" + HYPERLINK, "'@表三", "'-1 行", "'=1+1.txt"} <= values
    assert 2024 in values and 1 in values  # year and counts stay numbers
