"""Records dated into a year whose annual report is published: refused, or an audited correction that flags
the report as needing a 更正 with a finding on the figures it changes."""

from datetime import date

import pytest

from gongkai.appeals.services import close_appeal, record_appeal
from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry
from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.models import Request
from gongkai.reports.build import build_report
from gongkai.reports.models import AnnualReport, CorrectionFlag, ReportState
from tests.disclosure_requests.conftest import person

D = date


def _publish(agency, year, on):
    data = build_report(agency, year)
    data.published_on = on
    return AnnualReport.objects.create(agency=agency, year=year, state=ReportState.PUBLISHED, frozen=data.to_json(),
                                       published_on=on)


def _register(agency, clerk, day, **kw):
    return services.register_request(agency=agency, actor=clerk, received_on=day, fields=person(channel="post_signed"),
                                     **kw)


def test_a_receipt_dated_into_a_published_year_is_refused(agency, clerk):
    _register(agency, clerk, D(2025, 3, 3))  # open at the end of 2025: the published report carries 1 out
    _publish(agency, 2025, D(2026, 1, 20))
    with pytest.raises(DomainError, match="2025年度政府信息公开工作年度报告已于2026-01-20发布") as caught:
        _register(agency, clerk, D(2025, 6, 2))
    assert caught.value.field == "correction_reason"
    assert Request.objects.count() == 1
    assert not CorrectionFlag.objects.exists()


def test_with_a_reason_it_is_an_audited_correction_flagging_the_carried_over_figures(agency, clerk):
    _register(agency, clerk, D(2025, 3, 3))
    report = _publish(agency, 2025, D(2026, 1, 20))
    late = _register(agency, clerk, D(2025, 6, 2), correction_reason="信件夹在其他公文中，2026年11月整理档案时发现")
    assert late.received_on == D(2025, 6, 2)
    flag = CorrectionFlag.objects.get(report=report)
    assert late.number in flag.cause and "信件夹在其他公文中" in flag.cause
    assert "结转下年度继续办理" in flag.finding and "已发布1，按现有记录应为2" in flag.finding
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"requests.published_year.corrected", "reports.report.correction_needed"} <= actions
    # The published report itself is unchanged; the next year's report carries both in.
    assert report.frozen["applications"]["carried_out"]["total"] == 1
    assert build_report(agency, 2026).applications["carried_in"]["total"] == 2


def test_a_reply_dated_into_a_published_year_is_refused_but_one_dated_after_it_is_not(agency, clerk):
    request = _register(agency, clerk, D(2025, 12, 15))
    _publish(agency, 2025, D(2026, 1, 20))
    with pytest.raises(DomainError, match="2025年度"):
        services.issue_reply(request, actor=clerk, day=D(2025, 12, 31), outcome="granted")
    services.issue_reply(request, actor=clerk, day=D(2026, 1, 8), outcome="granted")
    request.refresh_from_db()
    assert request.closed_on == D(2026, 1, 8)


def test_a_move_that_decides_no_figure_is_not_refused(agency, clerk, head):
    request = _register(agency, clerk, D(2025, 12, 15))
    _publish(agency, 2025, D(2026, 1, 20))
    services.extend_deadline(request, actor=head, day=D(2025, 12, 31), days=10, reason="需要检索档案")
    assert not CorrectionFlag.objects.exists()


def test_appeals_filed_or_closed_in_a_published_year_follow_the_same_rule(agency, clerk):
    appeal = record_appeal(agency=agency, kind="review", body="叶城县人民政府", filed_on=D(2025, 11, 3), actor=clerk)
    report = _publish(agency, 2025, D(2026, 1, 20))
    with pytest.raises(DomainError, match="2025年度"):
        record_appeal(agency=agency, kind="review", body="叶城县人民政府", filed_on=D(2025, 5, 12), actor=clerk)
    with pytest.raises(DomainError, match="2025年度"):
        close_appeal(appeal=appeal, result="upheld", closed_on=D(2025, 12, 20), actor=clerk)
    close_appeal(appeal=appeal, result="upheld", closed_on=D(2025, 12, 20), actor=clerk,
                 correction_reason="复议决定书12月20日作出，2026年11月才收到")
    flag = CorrectionFlag.objects.get(report=report)
    assert "尚未审结" in flag.finding and "结果维持" in flag.finding


def test_the_registration_page_names_the_correction_field_instead_of_failing(client, agency, clerk):
    from django.urls import reverse

    _publish(agency, 2025, D(2026, 1, 20))
    client.force_login(clerk)
    data = {**person(), "agency": agency.pk, "channel": "post_signed", "received_on": "2025-06-02"}
    response = client.post(reverse("requests:register"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["correction_reason"][0].startswith("2025年度政府信息公开工作年度报告")
    assert not Request.objects.exists()
    data["correction_reason"] = "信件夹在其他公文中"
    response = client.post(reverse("requests:register"), data, follow=True)
    assert Request.objects.get().received_on == D(2025, 6, 2)
    assert CorrectionFlag.objects.count() == 1
