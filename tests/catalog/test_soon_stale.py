"""The home page warns of columns about to go stale, by the self-inspection's own rule (issue #15)."""

from datetime import date, datetime, time

from django.test import RequestFactory
from django.utils import timezone

from gongkai.catalog import dashboard
from gongkai.catalog.models import Column, ColumnKind, Item
from gongkai.catalog.selfcheck import run_selfcheck, soon_stale_columns


def _published(item, day):
    Item.objects.filter(pk=item.pk).update(published_at=timezone.make_aware(datetime.combine(day, time(10))))


def _column(agency, make_item, walk, name, kind, day, update_days=None):
    column = Column.objects.create(agency=agency, name=name, kind=kind, update_days=update_days)
    item = make_item(title=f"{name}信息", column_ids=[column.pk])
    walk(item)
    _published(item, day)
    return column


def test_a_news_column_goes_stale_on_the_day_the_selfcheck_says_and_is_warned_of_before(agency, make_item, walk):
    _column(agency, make_item, walk, "乡镇动态", ColumnKind.DYNAMIC, date(2025, 6, 1))
    [soon] = soon_stale_columns(agency, date(2025, 6, 5))
    assert (soon.column.name, soon.last, soon.stale_on, soon.days_left) == ("乡镇动态", date(2025, 6, 1),
                                                                             date(2025, 6, 16), 11)
    # the same day the self-inspection starts to call it stale
    assert not [f for f in run_selfcheck(agency, date(2025, 6, 15)) if f.code == "column.stale"]
    assert [f for f in run_selfcheck(agency, date(2025, 6, 16)) if f.code == "column.stale"]
    assert soon_stale_columns(agency, date(2025, 6, 16)) == []  # stale now: a finding, no longer a warning


def test_six_month_and_own_cycle_columns_are_warned_of_15_days_ahead(agency, make_item, walk):
    _column(agency, make_item, walk, "政策文件", ColumnKind.POLICY, date(2025, 1, 31))
    _column(agency, make_item, walk, "人事信息", ColumnKind.FIXED, date(2025, 5, 1), update_days=90)
    _column(agency, make_item, walk, "机构职能", ColumnKind.FIXED, date(2020, 1, 1))  # no update duty
    today = date(2025, 7, 20)
    found = {s.column.name: (s.stale_on, s.days_left) for s in soon_stale_columns(agency, today)}
    # 政策文件: stale once 6 months have passed (selfcheck: from 2025-08-01); 人事信息: 90 days after 1 May
    assert found == {"政策文件": (date(2025, 8, 1), 12), "人事信息": (date(2025, 7, 31), 11)}
    assert [s.column.name for s in soon_stale_columns(agency, date(2025, 7, 1))] == []  # more than 15 days ahead


def test_the_home_panel_lists_them(agency, clerk, make_item, walk, monkeypatch):
    _column(agency, make_item, walk, "乡镇动态", ColumnKind.DYNAMIC, date(2025, 6, 1))
    real = timezone.localdate
    monkeypatch.setattr(timezone, "localdate", lambda value=None, *a: real(value) if value else date(2025, 6, 14))
    request = RequestFactory().get("/")
    request.user = clerk
    panel = dashboard.panel(request, [agency])
    [row] = panel["soon_stale"]
    assert row["soon"].stale_on == date(2025, 6, 16) and row["soon"].days_left == 2
