"""台账 export/import, the year boundary, and the applicant's history."""

import io
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from gongkai.disclosure_requests import queries, services
from gongkai.disclosure_requests.ledger import LedgerError, export_xlsx, import_xlsx
from gongkai.disclosure_requests.models import Request

HEADER = ["受理机关", "渠道", "收到日期", "申请人类型", "申请人姓名", "证件类型", "证件号码", "联系电话", "所需信息",
          "获取形式", "获取方式", "办结日期", "办理结果"]


def _xlsx(rows) -> bytes:
    wb = Workbook()
    wb.active.append(HEADER)
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _row(agency, **over):
    row = dict(zip(HEADER, [agency.name, "当面提交", date(2025, 3, 3), "自然人", "李四", "居民身份证",
                            "11010519491231002X", "13900000000", "村道硬化工程验收报告", "纸质", "邮寄",
                            date(2025, 3, 20), "予以公开"], strict=True))
    row.update(over)
    return [row[h] for h in HEADER]


def test_import_creates_requests_and_export_reads_them_back(agency, clerk):
    result = import_xlsx(_xlsx([_row(agency), _row(agency, 办结日期=None, 办理结果=None)]), actor=clerk)
    assert [r.outcome for r in Request.objects.order_by("id")] == ["granted", None]
    assert result.count == 2
    sheet = load_workbook(io.BytesIO(export_xlsx(Request.objects.all(), year=2025))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "申请编号" and len(rows) == 3 and rows[1][-1] == "予以公开"


def test_import_is_all_or_nothing_and_names_row_and_column(agency, clerk):
    bad = _xlsx([_row(agency), _row(agency, 证件号码="110105194912310021"), _row(agency, 渠道="飞鸽传书")])
    with pytest.raises(LedgerError) as caught:
        import_xlsx(bad, actor=clerk)
    problems = caught.value.problems
    assert any(p.startswith("第3行“证件号码”列：居民身份证号码校验位错误") for p in problems)
    assert any(p.startswith("第4行“渠道”列") for p in problems)
    assert not Request.objects.exists()


def test_every_bad_row_is_named_before_anything_is_saved(agency, clerk):
    bad = _xlsx([_row(agency), _row(agency, 办理结果="逾期不补正"), _row(agency, 办结日期=None),
                 _row(agency, 收到日期="2025-02-30"), _row(agency, 办理结果="予以公开", 受理机关="不存在的机关")])
    with pytest.raises(LedgerError) as caught:
        import_xlsx(bad, actor=clerk)
    problems = caught.value.problems
    assert problems[0].startswith("第3行“办结日期”列：2025-03-20申请处于“办理中”，不能“逾期未补正”")
    assert problems[1] == "第4行“办理结果”列：填写了办结日期时必须填写办理结果" or \
        problems[1].startswith("第4行“办结日期”列")
    assert any(p.startswith("第5行“收到日期”列：“2025-02-30”不是日期") for p in problems)
    assert any(p.startswith("第6行“受理机关”列：找不到机关“不存在的机关”") for p in problems)
    assert not Request.objects.exists()


def test_a_clerk_imports_only_into_an_agency_of_theirs(agency, clerk, county):
    with pytest.raises(LedgerError) as caught:
        import_xlsx(_xlsx([_row(county)]), actor=clerk)
    assert "不是“" in caught.value.problems[0] and "工作人员" in caught.value.problems[0]
    assert not Request.objects.exists()


def test_requests_open_on_31_december_are_carried_into_the_next_year(register, clerk, agency):
    closed = register(date(2024, 12, 2))
    services.issue_reply(closed, actor=clerk, day=date(2024, 12, 20), outcome="granted")
    carried = register(date(2024, 12, 23))
    services.issue_reply(carried, actor=clerk, day=date(2025, 1, 10), outcome="unable.not_held", reason="未制作")
    still_open = register(date(2024, 12, 30))
    assert set(queries.carried_over(agency, 2024)) == {carried, still_open}
    assert set(queries.carried_over(agency, 2025)) == {still_open}


def test_history_finds_the_same_applicants_similar_request_and_counts_the_month(register):
    first = register(date(2025, 3, 3), description="2024年宗朗乡惠民补贴资金发放名单")
    register(date(2025, 3, 4), description="乡政府食堂采购合同")
    again = register(date(2025, 3, 5), description="请公开2024年宗朗乡惠民补贴资金的发放名单")
    similar = [r for r, _ in queries.similar_requests(again)]
    assert similar == [first]
    assert queries.monthly_volume(again) == 3


def test_a_number_taken_already_refuses_the_import_and_stores_nothing(agency, clerk):
    """The bulk insert's duplicate key (SQLite INSERT, PostgreSQL COPY) is reported, not a server error."""
    from gongkai.core.models import Counter

    import_xlsx(_xlsx([_row(agency)]), actor=clerk)
    Counter.objects.filter(agency=agency, scope="request").update(value=0)  # a counter set back by hand
    with pytest.raises(LedgerError) as caught:
        import_xlsx(_xlsx([_row(agency), _row(agency)]), actor=clerk)
    assert caught.value.problems[0].startswith("申请编号与已有申请重复，未导入任何记录")
    assert Request.objects.count() == 1
