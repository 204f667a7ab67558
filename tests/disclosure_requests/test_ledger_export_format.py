"""The 台账 export reads as a spreadsheet: frozen bold header, set widths, wrapped text, dates as real dates,
and text that looks like a formula still escaped (core/spreadsheet.py)."""

import io
from datetime import date, datetime

from openpyxl import load_workbook

from gongkai.core.spreadsheet import read_value
from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.ledger import EXPORT_COLUMNS, export_xlsx
from gongkai.disclosure_requests.models import Request


def _sheet(year=2024):
    return load_workbook(io.BytesIO(export_xlsx(Request.objects.all(), year=year))).active


def test_header_is_frozen_bold_and_unchanged(register):
    register(date(2024, 9, 27))
    sheet = _sheet()
    assert [c.value for c in sheet[1]] == [name for name, _ in EXPORT_COLUMNS]
    assert sheet.freeze_panes == "A2"
    assert all(c.font.bold for c in sheet[1])


def test_dates_are_real_dates_formatted_yyyy_mm_dd(register, clerk):
    r = register(date(2024, 9, 27))
    services.issue_reply(r, actor=clerk, day=date(2024, 10, 14), outcome="granted")
    sheet = _sheet()
    header = [c.value for c in sheet[1]]
    row = sheet[2]
    received, due, closed = (row[header.index(n)] for n in ("收到日期", "答复期限", "办结日期"))
    # 2024-09-27 + 20 working days (29 Sep and 12 Oct make-up days, 1–7 Oct off) is 2024-10-30
    assert received.value == datetime(2024, 9, 27) and received.number_format == "yyyy-mm-dd"
    assert due.value == datetime(2024, 10, 30) and due.number_format == "yyyy-mm-dd"
    assert closed.value == datetime(2024, 10, 14) and closed.number_format == "yyyy-mm-dd"


def test_widths_and_wrapped_long_text(register):
    register(date(2024, 9, 27), description="2024年宗朗乡惠民补贴资金发放名单，" * 10)
    sheet = _sheet()
    header = [c.value for c in sheet[1]]
    col = header.index("所需信息") + 1
    letter = sheet.cell(row=1, column=col).column_letter
    assert sheet.column_dimensions[letter].width == 48
    assert sheet.cell(row=2, column=col).alignment.wrap_text
    assert sheet.column_dimensions["A"].width == 26  # 申请编号


def test_formula_text_stays_escaped(register):
    register(date(2024, 9, 27), address='=HYPERLINK("http://e.x","c")')
    sheet = _sheet()
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("通信地址") + 1)
    assert cell.data_type == "s" and cell.value.startswith("'=")
    assert read_value(cell.value) == '=HYPERLINK("http://e.x","c")'
