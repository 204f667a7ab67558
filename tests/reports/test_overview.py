"""县政务公开办's overview: every cell against records built for it, a fixed number of queries whatever the
number of agencies, sorting, the spreadsheet, and each cell's link to the list it counts."""

import io
import re
from datetime import date, datetime, time

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gongkai.agencies.models import Kind, Level, Role
from gongkai.catalog.models import Column, ColumnKind, Item, ItemState, Openness
from gongkai.catalog.selfcheck import column_findings
from gongkai.disclosure_requests.models import State
from gongkai.reports.build import build_report
from gongkai.reports.models import AnnualReport, ReportState
from gongkai.reports.overview import overview_rows, parse_sort, sort_rows
from gongkai.reports.published_check import run_checker
from gongkai.reports.services import review_report, save_sections, start_report, submit_report
from gongkai.reports.transitions import Action
from gongkai.statute.report import Sections
from tests.factories import staff
from tests.reports.helpers import make_agency, make_requests, request_row

pytestmark = pytest.mark.django_db

TODAY = date(2026, 2, 4)  # a Wednesday; 3 working days on is Monday 9 February (the Spring Festival is later)


class Weekdays:
    def is_workday(self, day):
        return day.weekday() < 5


@pytest.fixture
def today(monkeypatch):
    real = timezone.localdate

    def fake(value=None, timezone=None):
        return TODAY if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", fake)
    return TODAY


def _request(agency, state=State.PROCESSING, due_on=None):
    r = request_row(agency, received_on=date(2026, 1, 5))
    r.state, r.due_on, r.is_open = state, due_on, state != State.CLOSED
    if state == State.CLOSED:
        r.closed_on, r.outcome = date(2026, 1, 20), "granted"
    return r


def _column(agency, kind, *published, update_days=None, name=None, item_state=ItemState.PUBLISHED,
            openness=Openness.PROACTIVE):
    column = Column.objects.create(agency=agency, name=name or f"{kind}{Column.objects.count()}", kind=kind,
                                   update_days=update_days)
    for day in published:
        item = Item.objects.create(agency=agency, title=f"{column.name}信息", state=item_state, openness=openness,
                                   published_at=timezone.make_aware(datetime.combine(day, time(10, 0))))
        item.columns.add(column)
    return column


def _publish_through_review(agency, day):
    people = {r: staff(agency, role) for r, role in (
        ("clerk", Role.CLERK), ("first", Role.REVIEWER_FIRST), ("second", Role.REVIEWER_SECOND),
        ("final", Role.REVIEWER_FINAL), ("head", Role.HEAD))}
    report = start_report(agency=agency, year=2025, actor=people["clerk"])
    report.refresh_from_db()
    save_sections(report=report, actor=people["clerk"], overview=report.overview,
                  problems="（一）存在问题：无。\n（二）改进措施：加强培训。", other=report.other)
    submit_report(report=report, user=people["clerk"])
    for level in ("first", "second", "final", "head"):
        report = review_report(report=report, user=people[level], action=Action.APPROVE, today=day)
    return report


@pytest.fixture
def county(db):
    """A county with two towns and a department, each with known requests, columns and reports."""
    gov = make_agency("测试县人民政府", level=Level.COUNTY, kind=Kind.GOVERNMENT, short_name="测试县")
    town_a = make_agency("测试县甲乡人民政府", parent=gov, short_name="甲乡")
    town_b = make_agency("测试县乙镇人民政府", parent=gov, short_name="乙镇")
    dept = make_agency("测试县教育局", parent=gov, level=Level.COUNTY, kind=Kind.DEPARTMENT, short_name="教育局")
    make_requests([
        _request(town_a, due_on=date(2026, 2, 3)),  # overdue
        _request(town_a, due_on=date(2026, 2, 4)),  # due today: within 3 working days
        _request(town_a, due_on=date(2026, 2, 9)),  # the 3rd working day: within
        _request(town_a, due_on=date(2026, 2, 10)),  # the 4th: open only
        _request(town_a, State.AWAITING_SUPPLEMENT, due_on=date(2026, 1, 1)),  # clock paused: open only
        _request(town_a, State.CLOSED, due_on=date(2026, 1, 30)),  # closed: not counted
        _request(town_b, due_on=date(2026, 1, 20)),  # overdue
    ])
    # 甲乡: 动态 last 10 Jan (> 2 weeks: stale), 通知公告 last 1 Dec (< 6 months), 政策文件 empty (blank),
    # a column with a 30-day cycle last 1 Dec (stale), a fixed column (never stale)
    _column(town_a, ColumnKind.DYNAMIC, date(2026, 1, 10))
    _column(town_a, ColumnKind.NOTICE, date(2025, 12, 1))
    _column(town_a, ColumnKind.POLICY)
    _column(town_a, ColumnKind.FIXED, date(2025, 12, 1), update_days=30)
    _column(town_a, ColumnKind.FIXED, date(2020, 5, 1))
    # 乙镇: 动态 last 1 Feb (fresh); a column with only a draft and one with only an on-request item (both blank)
    _column(town_b, ColumnKind.DYNAMIC, date(2026, 2, 1))
    _column(town_b, ColumnKind.NOTICE, date(2026, 1, 1), item_state=ItemState.DRAFT)
    _column(town_b, ColumnKind.FIXED, date(2026, 1, 1), openness=Openness.ON_REQUEST)
    # reports of 2025: 甲乡 published on 20 January through 三审; 乙镇 waiting for the head's sign-off (late);
    # 教育局 published on 3 February (3 days late) before the checker result was stored
    published = _publish_through_review(town_a, date(2026, 1, 20))
    AnnualReport.objects.create(agency=town_b, year=2025, state=ReportState.SIGN_OFF)
    data = build_report(dept, 2025, sections=Sections("（一）主动公开情况。本年度主动公开信息0条。",
                                                      "（一）存在问题：无。\n（二）改进措施：无。", "无。"))
    data.published_on = date(2026, 2, 3)
    late = AnnualReport.objects.create(agency=dept, year=2025, state=ReportState.PUBLISHED, frozen=data.to_json(),
                                       published_on=date(2026, 2, 3))
    supervisor = staff(gov, Role.SUPERVISOR)
    return {"gov": gov, "a": town_a, "b": town_b, "dept": dept, "published": published, "late": late,
            "supervisor": supervisor}


def _by_name(rows):
    return {r.agency.short_name: r for r in rows}


def test_every_figure_matches_the_records(county, today):
    rows = _by_name(overview_rows([county[k] for k in ("gov", "a", "b", "dept")], 2025, TODAY, Weekdays()))
    figures = {k: (r.open, r.soon, r.overdue, r.stale, r.blank, r.report_label, r.late_days, r.late_text)
               for k, r in rows.items()}
    assert figures == {
        "测试县": (0, 0, 0, 0, 0, "未开始", 0, ""),  # a county government's report is due 31 March
        "甲乡": (5, 2, 1, 2, 1, "已发布", 0, ""),
        "乙镇": (1, 0, 1, 0, 2, "待负责人签发", 4, "逾期4天"),
        "教育局": (0, 0, 0, 0, 0, "已发布", 3, "逾期3天发布"),
    }
    # the column figures are the self-inspection's own (catalog/selfcheck.py), per agency
    for key in ("a", "b"):
        codes = [f.code for f in column_findings(county[key], TODAY)]
        row = rows[county[key].short_name]
        assert (row.stale, row.blank) == (codes.count("column.stale"), codes.count("column.blank"))


def test_checker_findings_are_those_of_the_checker_on_the_published_report(county, today):
    stored_at_publication = AnnualReport.objects.get(pk=county["published"].pk).checker_result
    assert stored_at_publication == run_checker(county["published"])
    assert stored_at_publication["counts"]["error"] == 0  # a report the platform publishes passes its checker
    assert AnnualReport.objects.get(pk=county["late"].pk).checker_result is None
    rows = _by_name(overview_rows([county[k] for k in ("gov", "a", "b", "dept")], 2025, TODAY, Weekdays()))
    stored = AnnualReport.objects.get(pk=county["late"].pk).checker_result  # filled by the first view, kept
    assert stored == run_checker(county["late"])
    late = [f for f in stored["findings"] if f["code"] == "late_publication"]
    assert len(late) == 1 and late[0]["severity"] == "error" and "2026年02月03日" in late[0]["message"]
    errors = sum(1 for f in stored["findings"] if f["severity"] == "error")
    warnings = sum(1 for f in stored["findings"] if f["severity"] == "warning")
    assert (rows["教育局"].errors, rows["教育局"].warnings) == (errors, warnings)
    assert (rows["甲乡"].errors, rows["甲乡"].warnings) == (stored_at_publication["counts"]["error"],
                                                          stored_at_publication["counts"]["warning"])
    assert rows["乙镇"].errors is None and rows["测试县"].warnings is None  # nothing published: no findings


def test_the_number_of_queries_does_not_grow_with_the_agencies(county, today):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(agencies):
        overview_rows(agencies, 2025, TODAY, Weekdays())  # stores any missing checker result first
        with CaptureQueriesContext(connection) as ctx:
            overview_rows(agencies, 2025, TODAY, Weekdays())
        return len(ctx.captured_queries)

    few = count([county["a"]])
    for n in range(12):
        extra = make_agency(f"测试县第{n}村委", parent=county["gov"])
        make_requests([_request(extra, due_on=date(2026, 2, 3))])
        _column(extra, ColumnKind.DYNAMIC, date(2026, 1, 2))
        AnnualReport.objects.create(agency=extra, year=2025, state=ReportState.DRAFTING)
    many = count(list(county["gov"].__class__.objects.subtree_of(county["gov"])))
    assert few == many == 3  # requests, columns, reports: one GROUP BY / one SELECT each


def test_sorting_is_stable_and_both_ways(county, today):
    rows = overview_rows([county[k] for k in ("gov", "a", "b", "dept")], 2025, TODAY, Weekdays())
    names = lambda rs: [r.agency.short_name for r in rs]  # noqa: E731
    assert names(sort_rows(rows, *parse_sort("-open"))) == ["甲乡", "乙镇", "测试县", "教育局"]
    assert names(sort_rows(rows, *parse_sort("late"))) == ["测试县", "甲乡", "教育局", "乙镇"]
    assert names(sort_rows(rows, *parse_sort("-blank"))) == ["乙镇", "甲乡", "测试县", "教育局"]
    assert names(sort_rows(rows, *parse_sort("report"))) == ["测试县", "乙镇", "甲乡", "教育局"]
    assert parse_sort("drop table") == ("agency", False)


def _cells(page):
    table = page[page.index('<table id="overview">'):page.index("</table>")]
    out = {}
    for agency_id, body in re.findall(r'<tr data-agency="(\d+)"[^>]*>(.*?)</tr>', table, re.S):
        out[int(agency_id)] = {name: re.sub(r"<[^>]+>", "", cell).strip()
                               for name, cell in re.findall(r'data-cell="(\w+)">(.*?)</td>', body, re.S)}
    return out


def test_the_page_shows_every_cell_with_a_link_to_what_it_counts(client, county, today):
    client.force_login(county["supervisor"])
    page = client.get(reverse("reports:overview") + "?year=2025").content.decode()
    cells = _cells(page)
    a, b, dept = county["a"].pk, county["b"].pk, county["dept"].pk
    assert cells[a] == {"open": "5", "soon": "2", "overdue": "1", "stale": "2", "blank": "1", "report": "已发布",
                        "late": "—", "errors": "0", "warnings": cells[a]["warnings"]}
    assert cells[b] == {"open": "1", "soon": "0", "overdue": "1", "stale": "0", "blank": "2",
                        "report": "待负责人签发", "late": "逾期4天", "errors": "—", "warnings": "—"}
    assert cells[dept]["late"] == "逾期3天发布" and int(cells[dept]["errors"]) >= 1
    assert f'href="/staff/requests/?agency={a}&amp;due=overdue"' in page
    assert f'href="/staff/requests/?agency={a}&amp;due=soon"' in page
    assert f'href="/staff/catalog/selfcheck/?agency={a}"' in page
    assert f'href="/staff/reports/{dept}/2025/#checker"' in page


def test_the_links_lead_to_lists_with_the_same_counts(client, county, today):
    client.force_login(county["supervisor"])
    a = county["a"].pk
    for query, expected in (("", 5), ("&due=soon", 2), ("&due=overdue", 1)):
        page = client.get(f"/staff/requests/?agency={a}{query}").content.decode()
        assert len(re.findall(r'<tr[^>]*>\s*<td><a href="/staff/requests/\d+/', page)) == expected, query
    detail = client.get(f"/staff/reports/{county['dept'].pk}/2025/").content.decode()
    assert 'id="checker"' in detail and "晚于部门、乡镇（街道）年度报告的公布期限" in detail


def test_sorted_page_and_spreadsheet(client, county, today):
    client.force_login(county["supervisor"])
    page = client.get(reverse("reports:overview") + "?year=2025&sort=-overdue").content.decode()
    order = [int(x) for x in re.findall(r'<tr data-agency="(\d+)"', page)]
    assert order[:2] == [county["a"].pk, county["b"].pk]
    assert 'aria-sort="descending"' in page and 'href="?year=2025&amp;sort=overdue"' in page
    response = client.get(reverse("reports:overview_xlsx") + "?year=2025&sort=-overdue")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:8] == ("机关", "未办结申请", "3个工作日内到期", "已逾期申请", "不更新栏目", "空白栏目",
                           "年度报告状态", "逾期天数")
    assert rows[1][:8] == ("测试县甲乡人民政府", 5, 2, 1, 2, 1, "已发布", 0)
    assert rows[2][:10] == ("测试县乙镇人民政府", 1, 0, 1, 0, 2, "待负责人签发", 4, None, None)
    assert rows[2][11] == datetime(2026, 1, 31)
    assert sheet.freeze_panes == "B2"


def test_agency_names_that_look_like_formulas_are_escaped_in_the_spreadsheet(client, county, today):
    make_agency("=HYPERLINK(\"http://e.x\",\"c\")", parent=county["gov"], short_name="坏名")
    client.force_login(county["supervisor"])
    sheet = load_workbook(io.BytesIO(client.get(reverse("reports:overview_xlsx")).content)).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "'=HYPERLINK(\"http://e.x\",\"c\")" in names


def test_only_supervisors_open_it(client, county):
    client.force_login(staff(county["a"], Role.CLERK))
    assert client.get(reverse("reports:overview")).status_code == 403
    assert client.get(reverse("reports:overview_xlsx")).status_code == 403


def test_the_home_page_links_supervisors_to_it(client, county):
    client.force_login(county["supervisor"])
    assert 'href="/staff/reports/overview/"' in client.get("/").content.decode()
    client.force_login(staff(county["a"], Role.CLERK))
    assert 'href="/staff/reports/overview/"' not in client.get("/").content.decode()
