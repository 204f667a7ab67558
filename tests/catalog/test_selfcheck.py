from datetime import date, datetime, time

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from gongkai.catalog.models import Attachment, Column, ColumnKind, DocKind, Item
from gongkai.catalog.selfcheck import months_before, run_selfcheck


def _published(item, day):
    Item.objects.filter(pk=item.pk).update(published_at=timezone.make_aware(datetime.combine(day, time(10))))


def test_dynamic_column_is_stale_after_two_weeks(agency, make_item, walk):
    column = Column.objects.create(agency=agency, name="乡镇动态", kind=ColumnKind.DYNAMIC)
    item = make_item(column_ids=[column.pk])
    walk(item)
    _published(item, date(2025, 6, 1))
    assert not [f for f in run_selfcheck(agency, date(2025, 6, 15)) if f.code == "column.stale"]
    stale = [f for f in run_selfcheck(agency, date(2025, 6, 16)) if f.code == "column.stale"]
    assert stale and "乡镇动态" in stale[0].message


def test_policy_column_is_stale_after_six_months(agency, make_item, walk):
    column = Column.objects.create(agency=agency, name="政策文件", kind=ColumnKind.POLICY)
    item = make_item(column_ids=[column.pk])
    walk(item)
    _published(item, date(2025, 1, 31))
    assert not [f for f in run_selfcheck(agency, date(2025, 7, 31)) if f.code == "column.stale"]
    assert [f for f in run_selfcheck(agency, date(2025, 8, 1)) if f.code == "column.stale"]


def test_five_stale_columns_are_a_veto_and_five_blank_columns_too(agency):
    for n in range(5):
        Column.objects.create(agency=agency, name=f"空栏目{n}", kind=ColumnKind.FIXED)
    codes = [f.code for f in run_selfcheck(agency, date(2025, 6, 30))]
    assert codes.count("column.blank") == 5 and "columns.blank_veto" in codes
    assert run_selfcheck(agency, date(2025, 6, 30))[0].severity == "veto"


def test_normative_document_due_for_validity_review(agency, make_item, walk):
    item = make_item(title="村规民约管理办法", doc_kind=DocKind.NORMATIVE, written_on=date(2020, 6, 5))
    walk(item)
    _published(item, date(2020, 6, 12))
    assert not [f for f in run_selfcheck(agency, date(2025, 3, 6)) if f.code == "document.validity_review"]
    assert [f for f in run_selfcheck(agency, date(2025, 3, 7)) if f.code == "document.validity_review"]


def test_missing_attachment_is_named(agency, make_item, walk):
    item = make_item()
    walk(item)
    kept = Attachment.objects.create(item=item, name="实施方案.pdf", file=ContentFile(b"%PDF", name="a.pdf"))
    lost = Attachment.objects.create(item=item, name="项目清单.xlsx", file="catalog/gone.xlsx")
    messages = [f.message for f in run_selfcheck(agency, timezone.localdate()) if f.code == "attachment.missing"]
    assert messages == [f"“{item.title}”的附件“{lost.name}”无法打开（文件不存在）"]
    assert kept.file.storage.exists(kept.file.name)


def test_item_published_more_than_20_workdays_after_written_is_late(agency, make_item, walk):
    on_time = make_item(title="按时", written_on=date(2025, 3, 3))
    late = make_item(title="迟发", written_on=date(2025, 3, 3))
    walk(on_time)
    walk(late)
    _published(on_time, date(2025, 3, 31))  # 20th working day after 3 March 2025
    _published(late, date(2025, 4, 1))
    findings = [f for f in run_selfcheck(agency, date(2025, 6, 30)) if f.code == "item.late"]
    assert len(findings) == 1 and "迟发" in findings[0].message and "2025-03-31" in findings[0].message


def test_months_before_clamps_month_ends():
    assert months_before(date(2025, 8, 31), 6) == date(2025, 2, 28)
    assert months_before(date(2025, 3, 15), 6) == date(2024, 9, 15)


def test_selfcheck_command_prints_findings(agency, capsys):
    Column.objects.create(agency=agency, name="人事信息", kind=ColumnKind.FIXED)
    call_command("selfcheck", agency=agency.name, today="2025-06-30")
    out = capsys.readouterr().out
    assert "人事信息" in out and "检查日期 2025-06-30" in out


def _column_updated_on(agency, make_item, walk, name, kind, day, update_days=None):
    column = Column.objects.create(agency=agency, name=name, kind=kind, update_days=update_days)
    item = make_item(title=f"{name}信息", column_ids=[column.pk])
    walk(item)
    _published(item, day)
    return column


def test_ten_long_stale_columns_are_a_veto_even_when_fewer_than_five_are_news_or_policy(agency, make_item, walk):
    # 4 columns under the 2-week/6-month rule (below the 5 of rule (a)) and 6 columns with their own yearly
    # update duty (人事、规划计划类), all last updated on 2024-05-31: 10 long-stale columns on 2025-06-30.
    for n in range(4):
        _column_updated_on(agency, make_item, walk, f"工作动态{n}", ColumnKind.DYNAMIC, date(2024, 5, 31))
    for n in range(6):
        _column_updated_on(agency, make_item, walk, f"人事信息{n}", ColumnKind.FIXED, date(2024, 5, 31),
                           update_days=365)
    _column_updated_on(agency, make_item, walk, "机构职能", ColumnKind.FIXED, date(2020, 1, 6))  # no duty: never stale
    findings = run_selfcheck(agency, date(2025, 6, 30))
    codes = [f.code for f in findings]
    assert codes.count("column.stale") == 10
    assert "columns.stale_veto" not in codes
    veto = [f for f in findings if f.code == "columns.long_stale_veto"]
    assert veto[0].severity == "veto" and "应更新但长期未更新的栏目10个" in veto[0].message
    assert any("人事信息0" in f.message and "365天的更新周期" in f.message for f in findings)
    assert not any("机构职能" in f.message for f in findings)


def test_nine_long_stale_columns_are_not_yet_a_veto_and_a_column_within_its_period_is_kept_up(
        agency, make_item, walk):
    for n in range(9):
        _column_updated_on(agency, make_item, walk, f"规划计划{n}", ColumnKind.FIXED, date(2024, 6, 29),
                           update_days=365)
    _column_updated_on(agency, make_item, walk, "规划计划新", ColumnKind.FIXED, date(2024, 6, 30), update_days=365)
    codes = [f.code for f in run_selfcheck(agency, date(2025, 6, 30))]
    assert codes.count("column.stale") == 9 and "columns.long_stale_veto" not in codes
