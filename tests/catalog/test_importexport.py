import io
import json

import pytest
from openpyxl import Workbook, load_workbook

from gongkai.catalog import importexport
from gongkai.catalog.models import Item


def _xlsx(rows):
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


HEADER = ["信息名称", "成文日期", "主题分类", "第二十条", "栏目", "文件类型", "有效性", "失效/废止日期"]


def test_import_creates_drafts_for_every_row(agency, clerk, column):
    content = _xlsx([HEADER, ["惠民政策汇编", "2025-03-01", "民政、扶贫、救灾", 11, "惠民政策", "", "", ""],
                     ["村规民约", "2020-06-05", "", "", "", "行政规范性文件", "有效", ""]])
    assert importexport.import_xlsx(agency=agency, user=clerk, content=content) == 2
    items = list(Item.objects.filter(agency=agency).order_by("id"))
    assert [i.title for i in items] == ["惠民政策汇编", "村规民约"]
    assert items[0].art20_item == 11 and list(items[0].columns.all()) == [column]
    assert all(i.state == "draft" for i in items)
    assert [v.number for v in items[0].versions.all()] == [1] and items[0].versions.get().column_ids == [column.pk]
    from gongkai.core.audit import verify_chain

    assert verify_chain() == []


def test_import_is_all_or_nothing_and_names_row_and_column(agency, clerk, column):
    content = _xlsx([HEADER, ["正确的一行", "2025-03-01", "", "", "", "", "", ""],
                     ["", "2025-13-01", "不存在的分类", 16, "没有的栏目", "", "废止", ""]])
    with pytest.raises(importexport.ImportRejected) as caught:
        importexport.import_xlsx(agency=agency, user=clerk, content=content)
    messages = [str(e) for e in caught.value.errors]
    assert "第3行“信息名称”列：不能为空" in messages
    assert any(m.startswith("第3行“成文日期”列") for m in messages)
    assert any(m.startswith("第3行“主题分类”列") for m in messages)
    assert any(m.startswith("第3行“第二十条”列") for m in messages)
    assert "第3行“栏目”列：本机关没有栏目“没有的栏目”" in messages
    assert any(m.startswith("第3行“失效/废止日期”列") for m in messages)
    assert Item.objects.count() == 0


def test_export_round_trips_through_xlsx_and_json(agency, clerk, make_item, walk, column):
    walk(make_item(title="惠民政策汇编", column_ids=[column.pk]))
    items = Item.objects.filter(agency=agency)
    ws = load_workbook(io.BytesIO(importexport.export_xlsx(items))).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:2] == ("索引号", "信息名称") and rows[1][1] == "惠民政策汇编" and rows[1][14] == "惠民政策"
    data = json.loads(importexport.export_json(items))
    assert data[0]["索引号"].startswith(agency.org_code)


def test_a_file_that_is_not_xlsx_is_refused_in_chinese(agency, clerk):
    from gongkai.core.errors import DomainError

    with pytest.raises(DomainError, match="xlsx"):
        importexport.import_xlsx(agency=agency, user=clerk, content=b"not a workbook")
