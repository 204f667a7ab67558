from datetime import date

import pytest
from django.urls import reverse

from gongkai.agencies.models import Kind, Level, Role
from gongkai.reports.models import AnnualReport, ArticleTwentyFigures
from gongkai.reports.queries import status_key
from tests.factories import staff
from tests.reports.helpers import make_agency, make_requests, request_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def county():
    county = make_agency("测试县人民政府", level=Level.COUNTY, kind=Kind.GOVERNMENT, short_name="测试县")
    town = make_agency("测试县甲乡人民政府", parent=county, short_name="甲乡")
    return county, town


def test_clerk_starts_edits_and_downloads_a_report(client, county):
    _, town = county
    clerk = staff(town, Role.CLERK)
    client.force_login(clerk)
    page = client.get(reverse("reports:detail", args=[town.pk, 2025]))
    assert "根据平台数据起草报告" in page.content.decode()
    client.post(reverse("reports:start", args=[town.pk, 2025]))
    client.post(reverse("reports:save", args=[town.pk, 2025]),
                {"overview": "（一）主动公开情况。改写。", "problems": "问题", "other": "其他", "note": "改写"})
    report = AnnualReport.objects.get(agency=town, year=2025)
    assert report.overview == "（一）主动公开情况。改写。" and report.versions.count() == 2
    page = client.get(reverse("reports:detail", args=[town.pk, 2025])).content.decode()
    assert 'rowspan="3" colspan="3"' in page and "提交审核" in page
    for fmt, mimetype in (("docx", "officedocument"), ("json", "json"), ("html", "html")):
        response = client.get(reverse("reports:download", args=[town.pk, 2025, fmt]))
        assert response.status_code == 200 and mimetype in response["Content-Type"]


def test_clerk_enters_article_20_figures_on_the_page(client, county):
    _, town = county
    client.force_login(staff(town, Role.CLERK))
    client.post(reverse("reports:start", args=[town.pk, 2025]))
    client.post(reverse("reports:figures", args=[town.pk, 2025]),
                {"licensing": 5, "penalty": 2, "coercion": 0, "fees_10k_yuan": "0.5", "source_note": "审批系统"})
    figures = ArticleTwentyFigures.objects.get(agency=town, year=2025)
    assert figures.licensing == 5 and figures.source_note == "审批系统"


def test_supervisor_sees_subordinate_statuses_and_the_summed_table(client, county):
    county_gov, town = county
    other = make_agency("测试县乙镇人民政府", parent=county_gov, short_name="乙镇")
    make_requests([request_row(town, received_on=date(2025, 3, 3), closed_on=date(2025, 3, 10), outcome="granted"),
                   request_row(other, received_on=date(2025, 4, 3), closed_on=date(2025, 4, 10),
                               outcome="granted")])
    supervisor = staff(county_gov, Role.SUPERVISOR)
    client.force_login(supervisor)
    page = client.get(reverse("reports:index") + "?year=2025").content.decode()
    assert "测试县甲乡人民政府" in page and "测试县乙镇人民政府" in page
    assert "表三合计" in page and "yoy-chart" in page
    assert "echarts.min.js" in page


def test_outsider_cannot_open_another_agencys_report(client, county):
    _, town = county
    stranger = staff(make_agency(), Role.CLERK)
    client.force_login(stranger)
    assert client.get(reverse("reports:detail", args=[town.pk, 2025])).status_code in (400, 403)


@pytest.mark.parametrize(("state", "today", "expected"), [
    (None, date(2026, 1, 10), "not_started"),
    (None, date(2026, 2, 1), "late"),
    ("drafting", date(2026, 1, 10), "drafting"),
    ("first_review", date(2026, 1, 10), "in_review"),
    ("final_review", date(2026, 2, 10), "late"),
])
def test_status_follows_state_and_the_31_january_deadline(state, today, expected):
    report = AnnualReport(state=state) if state else None
    assert status_key(report, date(2026, 1, 31), today) == expected


def test_county_government_deadline_is_31_march(county):
    from gongkai.reports.queries import deadline_for

    county_gov, town = county
    assert deadline_for(county_gov, 2025) == date(2026, 3, 31)
    assert deadline_for(town, 2025) == date(2026, 1, 31)


def test_dashboard_panel_counts_down_for_the_users_agency(rf, county):
    from gongkai.reports.dashboard import panel

    _, town = county
    request = rf.get("/")
    request.user = staff(town, Role.CLERK)
    result = panel(request, [town])
    assert result["template"] == "reports/panel.html"
    assert result["statuses"][0].agency == town


def test_staff_home_shows_the_report_countdown_panel(client, county):
    _, town = county
    client.force_login(staff(town, Role.CLERK))
    page = client.get("/").content.decode()
    assert "年度报告" in page and "截止" in page


def test_the_home_page_says_whether_the_report_is_published_and_the_days_to_31_january(client, county):
    from unittest import mock

    from gongkai.reports.build import build_report

    _, town = county
    client.force_login(staff(town, Role.CLERK))
    with mock.patch("django.utils.timezone.localdate", return_value=date(2026, 1, 10)):
        page = client.get("/").content.decode()
    assert "2025年度报告尚未发布，距年度报告发布截止（1月31日）还有 <strong>21</strong> 天" in page
    AnnualReport.objects.create(agency=town, year=2025, state="published", published_on=date(2026, 1, 20),
                                frozen=build_report(town, 2025).to_json())
    with mock.patch("django.utils.timezone.localdate", return_value=date(2026, 1, 25)):
        page = client.get("/").content.decode()
    assert "2026年度报告尚未发布，距年度报告发布截止（1月31日）还有 <strong>371</strong> 天" in page


def test_supervisor_sees_who_is_late_and_a_count_per_status(client, county):
    county_gov, town = county
    make_agency("测试县乙镇人民政府", parent=county_gov, short_name="乙镇")
    from gongkai.reports.build import build_report

    AnnualReport.objects.create(agency=town, year=2025, state="published", published_on=date(2026, 1, 20),
                                frozen=build_report(town, 2025).to_json())
    client.force_login(staff(county_gov, Role.SUPERVISOR))
    page = client.get(reverse("reports:index") + "?year=2025").content.decode()  # every deadline of 2025 has passed
    assert "2025 年度报告，共 3 个机关" in page
    assert "已逾期 2" in page and "已发布 1" in page
    late_line = page.split("已过法定发布期限仍未发布")[1].split("</p>")[0]
    assert "测试县乙镇人民政府" in late_line and "测试县人民政府" in late_line and "甲乡" not in late_line
    assert "逾期 " in page and " 天" in page and "未开始" in page  # late, and how far each has got


def test_the_home_panel_counts_down_to_this_years_report_once_last_years_is_published(client):
    from datetime import date
    from unittest import mock

    from gongkai.core.demo import load_demo

    ctx = load_demo()  # 宗朗乡's 2025 report was published in January 2026
    client.force_login(ctx.users["zl_jingban"])
    with mock.patch("django.utils.timezone.localdate", return_value=date(2026, 11, 29)):
        page = client.get("/").content.decode()
    assert "2026年度报告尚未发布，距年度报告发布截止（1月31日）还有 <strong>63</strong> 天" in page


def test_the_head_signs_off_and_a_clerk_starts_a_correction_on_the_page(client, county):
    from gongkai.reports.services import review_report, save_sections, start_report, submit_report
    from gongkai.reports.transitions import Action

    _, town = county
    clerk, head = staff(town, Role.CLERK), staff(town, Role.HEAD)
    report = start_report(agency=town, year=2024, actor=clerk)
    save_sections(report=report, actor=clerk, overview=report.overview, other=report.other,
                  problems="（一）存在问题：无。\n（二）改进措施：培训。")
    submit_report(report=report, user=clerk)
    for role in (Role.REVIEWER_FIRST, Role.REVIEWER_SECOND, Role.REVIEWER_FINAL):
        report = review_report(report=report, user=staff(town, role), action=Action.APPROVE)
    client.force_login(head)
    page = client.get(reverse("reports:detail", args=[town.pk, 2024])).content.decode()
    assert "待负责人签发" in page and "签发并发布" in page
    client.post(reverse("reports:act", args=[town.pk, 2024]), {"action": "approve"})
    client.force_login(clerk)
    page = client.get(reverse("reports:detail", args=[town.pk, 2024])).content.decode()
    assert "已发布" in page and "发起更正" in page
    client.post(reverse("reports:correct", args=[town.pk, 2024]), {"reason": "表三数字有误"})
    page = client.get(reverse("reports:detail", args=[town.pk, 2024])).content.decode()
    assert "更正稿（更正原因：表三数字有误）" in page and "保存为新版本" in page
    assert AnnualReport.objects.filter(agency=town, year=2024).count() == 2
