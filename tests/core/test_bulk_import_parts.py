"""The parts the 100,000-row imports are built from (issue #16.3): the calamine sheet reader gives the values
openpyxl gave, the row inserter stores what bulk_create stores, and the canonical texts built once per shape are
the texts canonical_json gives."""

import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from gongkai.core import chain, xlsx_upload
from gongkai.core.bulk import RowInserter
from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry
from gongkai.core.xlsx_upload import iter_xlsx_rows
from tests.factories import AgencyFactory


def _workbook(active_second=False) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws["C3"] = "表头"  # the used area starts at C3: rows and columns before it still count
    ws.append([None, None, "文字", 10, 1.5, 13991234567, dt.date(2024, 3, 1), dt.datetime(2024, 3, 1, 10, 5), True,
               "'=SUM(A1)", " 空格 ", "653126196001020012", None, "2024-03-01"])
    ws.cell(row=6, column=3, value=45000).number_format = "yyyy-mm-dd"
    second = wb.create_sheet("第二张")
    second.append(["另一张表"])
    if active_second:
        wb.active = 1
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _trimmed(row):
    values = list(row)
    while values and values[-1] is None:
        values.pop()
    return tuple(values)


@pytest.mark.parametrize(("active_second", "first_sheet", "calamine"),
                         [(False, False, True), (True, False, True), (True, True, True), (True, False, False)])
def test_the_calamine_reader_gives_openpyxls_rows_and_values(active_second, first_sheet, calamine, monkeypatch):
    if not calamine:  # a workbook too large for calamine's in-memory cells is read by openpyxl, streaming
        monkeypatch.setattr(xlsx_upload, "MAX_UNCOMPRESSED_CALAMINE", 0)
    content = _workbook(active_second)
    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    sheet = workbook.worksheets[0] if first_sheet else workbook.active
    expected = [_trimmed(r) for r in sheet.iter_rows(values_only=True)]
    rows = iter_xlsx_rows(content, label="测试", first_sheet=first_sheet)
    total = next(rows)
    got = [_trimmed(r) for r in rows]
    assert got == expected and total == len(expected)
    if first_sheet or not active_second:
        assert got[2][2] == "表头" and got[3][9] == "'=SUM(A1)"  # the formula escape is read_value's to undo
    else:
        assert got == [("另一张表",)]


def test_the_reader_types_match_openpyxl():
    rows = list(iter_xlsx_rows(_workbook(), label="测试"))
    values = rows[4]
    assert [type(v) for v in values[2:9]] == [str, int, float, int, dt.datetime, dt.datetime, bool]
    assert rows[6][2] == dt.datetime(2023, 3, 15)  # a number formatted as a date is a date


def test_a_file_that_is_not_a_workbook_is_a_domain_error():
    with pytest.raises(DomainError, match="不是有效的 Excel"):
        list(iter_xlsx_rows(b"not a zip", label="测试"))


def test_object_writer_gives_canonical_json():
    value = {"b": [1, 120, 1.5], "a": "文字\"", "_x": None, "c": {"z": True, "y": "1"}}
    keys = list(value)
    write = chain.object_writer(keys)
    assert write([chain.canonical_json(value[k]) for k in keys]) == chain.canonical_json(value)


@pytest.mark.django_db
def test_the_row_inserter_stores_what_bulk_create_stores():
    agency = AgencyFactory()
    now = chain.floor_to_millisecond(timezone.now())
    fields = ["created_at", "action", "actor_id", "actor_label", "agency_id", "object_type", "object_id", "object_repr",
              "data", "prev_hash", "hash"]
    values = [(now, "测试", None, "某人", agency.pk, "t", str(i), "对象", {"n": i, "day": "2024-03-01", "列": [1]},
               "0" * 64, f"{i:064d}") for i in range(3)]
    ids = RowInserter(AuditEntry, fields).insert(values, returning=True)
    AuditEntry.objects.bulk_create([AuditEntry(**dict(zip(fields, v, strict=True)) | {"hash": f"{i + 10:064d}"})
                                    for i, v in enumerate(values)])
    inserted = [AuditEntry.objects.get(pk=pk) for pk in ids]
    created = list(AuditEntry.objects.exclude(pk__in=ids).order_by("pk"))
    assert [e.object_id for e in inserted] == ["0", "1", "2"]  # the ids come back in the order of the rows
    for a, b in zip(inserted, created, strict=True):
        assert (a.created_at, a.data, a.agency_id, a.object_repr) == (b.created_at, b.data, b.agency_id, b.object_repr)
        assert a.canonical() == b.canonical()
