"""December 2026: chinesecalendar knows no 2027, so a due date in January 2027 cannot be computed yet.

The move is recorded anyway, the due date stays empty with a warning everywhere staff look, and once an
administrator enters the 2027 notice `recompute_open_due_dates` fills it in."""

from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry
from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.models import NO_DUE, Document, RequestEvent
from gongkai.workdays.notices import HolidayRange, enter_holiday_notice

WARNING = "答复期限无法计算：2027年节假日安排未录入，请管理员在“管理后台 → 节假日安排”录入"


@pytest.fixture
def december(monkeypatch):
    def set_today(day):
        monkeypatch.setattr(services, "_today", lambda: day)
    set_today(date(2026, 12, 31))
    return set_today


@pytest.fixture
def mid_december(december, register):
    return register(day=date(2026, 12, 14))


def test_registering_a_request_received_on_14_december_2026_is_recorded_without_a_due_date(mid_december):
    req = mid_december
    req.refresh_from_db()
    assert RequestEvent.objects.filter(request=req, kind="registered", day=date(2026, 12, 14)).exists()
    assert req.state == "processing" and req.received_on == date(2026, 12, 14)
    assert req.due_on is None and req.due_unknown_year == 2027 and req.sort_due == NO_DUE
    assert req.due_warning == WARNING


def test_a_request_received_in_november_2026_still_gets_its_due_date(december, register):
    req = register(day=date(2026, 11, 2))
    req.refresh_from_db()
    # 20 working days after Monday 2 November 2026: Monday 30 November.
    assert req.due_on == date(2026, 11, 30) and req.due_unknown_year is None and req.due_warning == ""


def test_the_supplement_notice_is_allowed_while_its_7th_working_day_is_unknown(december, mid_december, clerk):
    req = mid_december
    req.refresh_from_db()
    # Received Thursday 24 December: the 7th working day is in 2027, but a notice on the 28th is the 2nd day.
    late = services.register_request(agency=req.agency, actor=clerk, received_on=date(2026, 12, 24),
                                     fields={**{f: getattr(req, f) for f in ("applicant_type", "applicant_name",
                                             "description", "form_wanted", "delivery")}, "channel": "fax"})
    services.request_supplement(late, actor=clerk, day=date(2026, 12, 28), items="请写明文号",
                                supplement_due=date(2027, 1, 15))
    late.refresh_from_db()
    assert late.state == "awaiting_supplement" and late.step_due_on == date(2027, 1, 15)


def test_a_consultation_opens_in_december_and_only_the_lapse_that_needs_the_2027_date_is_refused(
        december, mid_december, clerk):
    req = mid_december
    services.open_consultation(req, actor=clerk, day=date(2026, 12, 21), party_kind="third_party",
                               party_name="某公司")
    req.refresh_from_db()
    assert req.state == "consulting" and req.step_due_on is None and req.due_warning == WARNING
    letter = Document.objects.get(request=req, kind="consultation_letter")
    assert "请自收到本函之日起15个工作日内书面答复。" in letter.data["body"]
    with pytest.raises(DomainError, match="2027年节假日安排未录入"):
        services.record_event(req, kind="consultation_lapsed", actor=clerk, day=date(2026, 12, 31))
    services.record_consultation_answer(req, actor=clerk, day=date(2026, 12, 29), consent=True)
    req.refresh_from_db()
    assert req.state == "processing" and req.due_warning == WARNING


def test_replying_closes_the_request_and_clears_the_warning(december, mid_december, clerk):
    services.issue_reply(mid_december, actor=clerk, day=date(2026, 12, 30), outcome="granted")
    mid_december.refresh_from_db()
    assert mid_december.state == "closed" and mid_december.due_unknown_year is None
    assert mid_december.due_warning == ""


def test_workbench_detail_and_dashboard_show_the_warning(client, rf, december, mid_december, clerk, agency):
    from gongkai.disclosure_requests.dashboard import panel

    client.force_login(clerk)
    assert WARNING in client.get(reverse("requests:workbench")).content.decode()
    assert WARNING in client.get(reverse("requests:detail", args=[mid_december.pk])).content.decode()
    result = panel(rf.get("/"), [agency])
    assert result["unknown_due"] == 1 and result["unknown_due_warning"] == WARNING
    assert result["unknown_due_list"] == [mid_december]


def test_runperiodic_and_the_reminder_mail_list_requests_without_a_due_date(december, mid_december, clerk):
    clerk.email = "jingban@example.com"
    clerk.save()
    services.record_event(mid_december, kind="assigned", actor=clerk, day=date(2026, 12, 15),
                          data={"assignee": clerk.pk})
    out = StringIO()
    call_command("runperiodic", "--today", "2026-12-28", stdout=out)
    assert f"{mid_december.number}：{WARNING}" in out.getvalue()
    assert len(mail.outbox) == 1 and WARNING in mail.outbox[0].body and mid_december.number in mail.outbox[0].body


def test_recompute_open_due_dates_fills_in_the_2027_due_date_once_the_notice_is_entered(
        december, mid_december, register, clerk):
    known = register(day=date(2026, 11, 2))
    admin = clerk
    assert services.recompute_open_due_dates(actor=admin) == []  # nothing changes before the notice
    enter_holiday_notice(year=2027, source="国办发明电〔2026〕测试号", actor=admin,
                         holidays=[HolidayRange("元旦", date(2027, 1, 1), date(2027, 1, 3))], makeup_days=[])
    changed = services.recompute_open_due_dates(actor=admin)
    # 13 working days from 15 to 31 December 2026, then 4–8 and 11–12 January 2027: Tuesday 12 January.
    assert [(r.pk, old, new) for r, old, new in changed] == [(mid_december.pk, None, date(2027, 1, 12))]
    mid_december.refresh_from_db()
    assert mid_december.due_on == date(2027, 1, 12) and mid_december.due_warning == ""
    assert mid_december.sort_due == date(2027, 1, 12)
    entry = AuditEntry.objects.get(action="requests.due.recomputed")
    assert entry.object_id == str(mid_december.pk) and entry.data["new_due"] == "2027-01-12"
    assert known.pk not in [r.pk for r, _, _ in changed]
    assert services.recompute_open_due_dates(actor=admin) == []


def test_the_applicant_sees_that_the_due_date_awaits_the_2027_notice(client, december, mid_december):
    client.post(reverse("ysqgk:query"), {"number": mid_december.number, "code": mid_december.query_code})
    page = client.get(reverse("ysqgk:status")).content.decode()
    assert "暂无法计算（2027年节假日安排尚未录入" in page
