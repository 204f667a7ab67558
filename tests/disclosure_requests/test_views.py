"""The staff workbench and detail pages, and the applicant's /ysqgk/ pages, with bad input."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.models import Attachment, Request, State
from tests.disclosure_requests.conftest import person, shown_code


@pytest.fixture
def clerk_client(client, clerk):
    client.force_login(clerk)
    return client


def _recent_workday(n_back=0):
    from gongkai.workdays.calendar import get_calendar

    cal, day, seen = get_calendar(), timezone.localdate(), 0
    while True:
        if cal.is_workday(day):
            if seen == n_back:
                return day
            seen += 1
        day -= timedelta(days=1)


def test_workbench_sorts_by_due_date_and_marks_overdue_red(clerk_client, register):
    late = register(date(2025, 3, 3))
    fresh = register(_recent_workday())
    page = clerk_client.get(reverse("requests:workbench")).content.decode()
    assert page.index(late.number) < page.index(fresh.number)
    assert 'class="overdue"' in page and "已逾期" in page


def test_workbench_filters_by_channel_and_applicant_type(clerk_client, register):
    a = register(date(2025, 3, 3), channel="fax")
    b = register(date(2025, 3, 3), channel="in_person", applicant_type="business", org_name="某公司",
                 uscc="91110000100000000A"[:17] + "0")
    page = clerk_client.get(reverse("requests:workbench"), {"channel": "fax"}).content.decode()
    assert a.number in page and b.number not in page


def test_another_agencys_clerk_gets_404_on_the_detail_page(client, register, outsider):
    request = register()
    client.force_login(outsider)
    assert client.get(reverse("requests:detail", args=[request.pk])).status_code == 404


def test_detail_explains_how_the_due_date_was_computed(clerk_client, register):
    request = register(date(2024, 9, 27))
    page = clerk_client.get(reverse("requests:detail", args=[request.pk])).content.decode()
    assert "这个期限是怎么算的" in page and "2024-09-27 收到申请" in page and "2024-10-30" in page


def test_clerk_sees_no_extension_button_and_a_forged_extension_post_is_refused(clerk_client, register):
    request = register(date(2024, 9, 27))
    page = clerk_client.get(reverse("requests:detail", args=[request.pk])).content.decode()
    assert 'value="extended"' not in page and 'value="replied"' in page
    response = clerk_client.post(reverse("requests:act", args=[request.pk]),
                                 {"kind": "extended", "extended-day": "2024-10-08", "extended-days": "20",
                                  "extended-reason": "伪造"})
    assert response.status_code == 403
    assert request.events.count() == 1


def test_a_forged_state_change_on_a_closed_request_is_refused(clerk_client, register, clerk):
    request = register(date(2024, 9, 27))
    services.issue_reply(request, actor=clerk, day=date(2024, 10, 8), outcome="granted")
    response = clerk_client.post(reverse("requests:act", args=[request.pk]),
                                 {"kind": "replied", "replied-day": "2024-10-09", "replied-outcome": "denied.inquiry"})
    assert response.status_code == 403
    assert Request.objects.get(pk=request.pk).outcome == "granted"


def test_clerk_asks_for_supplement_through_the_detail_page(clerk_client, register):
    request = register(date(2024, 9, 27))
    response = clerk_client.post(reverse("requests:act", args=[request.pk]), {
        "kind": "supplement_requested", "supplement_requested-day": "2024-09-30",
        "supplement_requested-items": "请写明文号", "supplement_requested-period_days": "10"})
    assert response.status_code == 302
    request = Request.objects.get(pk=request.pk)
    assert request.state == State.AWAITING_SUPPLEMENT
    # 10 working days after Monday 30 September 2024: 1-7 October is the National Day holiday and Saturday
    # 12 October a make-up working day, so the 10th is Friday 18 October.
    event = request.events.get(kind="supplement_requested")
    assert event.data["supplement_due"] == "2024-10-18"


def test_a_refused_move_shows_the_reason_next_to_the_form(clerk_client, register):
    request = register(date(2024, 9, 27))
    response = clerk_client.post(reverse("requests:act", args=[request.pk]), {
        "kind": "replied", "replied-day": "2024-10-08", "replied-outcome": "partial"})
    assert response.status_code == 400
    assert "不予公开的内容" in response.content.decode()


def test_staff_registration_names_the_wrong_id_number(clerk_client, agency):
    data = {**person(id_number="110105194912310021"), "agency": agency.pk, "channel": "in_person",
            "received_on": "2025-03-03"}
    response = clerk_client.post(reverse("requests:register"), data)
    assert "校验位错误" in response.content.decode()
    assert not Request.objects.exists()


def test_staff_registration_gives_a_receipt_with_number_and_query_code(clerk_client, agency):
    data = {**person(), "agency": agency.pk, "channel": "post_signed", "received_on": "2025-03-03"}
    response = clerk_client.post(reverse("requests:register"), data, follow=True)
    request = Request.objects.get()
    assert request.received_on == date(2025, 3, 3) and request.channel == "post_signed"
    code = shown_code(response.content.decode())
    assert request.number in response.content.decode() and code and request.query_code_hash.startswith("hmac-")
    assert code not in request.query_code_hash


# --- the applicant's side ------------------------------------------------------------------------


def _public(agency, **overrides):
    return {**person(), "agency": agency.pk, "token": "tok-1", **overrides}


def test_public_form_creates_one_request_even_when_submitted_twice(client, agency):
    first = client.post(reverse("ysqgk:form"), _public(agency))
    second = client.post(reverse("ysqgk:form"), _public(agency))
    assert first.status_code == second.status_code == 302
    request = Request.objects.get()
    assert request.state == State.SUBMITTED and request.received_on is None
    page = client.get(reverse("ysqgk:receipt")).content.decode()
    assert request.number in page and shown_code(page)


@pytest.mark.parametrize(("overrides", "message"), [
    ({"id_number": "110105194912310021"}, "证件号码：居民身份证号码校验位错误"),
    ({"description": "   "}, "所需信息描述：所需信息描述不能为空"),
    ({"applicant_type": "business", "org_name": "某公司", "uscc": "123"}, "统一社会信用代码：统一社会信用代码应为18位"),
])
def test_public_form_names_the_bad_field_in_chinese(client, agency, overrides, message):
    response = client.post(reverse("ysqgk:form"), _public(agency, **overrides))
    assert message in response.content.decode()
    assert not Request.objects.exists()


def test_public_form_refuses_executables_and_oversized_attachments(client, agency, settings):
    exe = SimpleUploadedFile("说明.pdf", b"MZ\x90\x00rest", content_type="application/pdf")
    response = client.post(reverse("ysqgk:form"), {**_public(agency), "attachments": [exe]})
    assert "类型不允许上传" in response.content.decode()
    big = SimpleUploadedFile("scan.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024), content_type="application/pdf")
    response = client.post(reverse("ysqgk:form"), {**_public(agency, token="tok-2"), "attachments": [big]})
    assert "超过10MB" in response.content.decode()
    assert not Request.objects.exists()


def test_public_form_keeps_an_allowed_attachment(client, agency):
    pdf = SimpleUploadedFile("身份证.pdf", b"%PDF-1.4 demo", content_type="application/pdf")
    client.post(reverse("ysqgk:form"), {**_public(agency), "attachments": [pdf]})
    assert Attachment.objects.get().name == "身份证.pdf"


def test_query_needs_the_right_code_and_then_shows_status_and_allows_withdrawal(client, register):
    request = register(_recent_workday(1))
    bad = client.post(reverse("ysqgk:query"), {"number": request.number, "code": "WRONGCODE"})
    assert "申请编号或查询码不正确" in bad.content.decode()
    client.post(reverse("ysqgk:query"), {"number": request.number, "code": request.query_code})
    assert "机关正在办理" in client.get(reverse("ysqgk:status")).content.decode()
    client.post(reverse("ysqgk:withdraw"), {"reason": "不需要了"})
    request.refresh_from_db()
    assert (request.state, request.outcome) == (State.CLOSED, "other.other")


def test_status_page_without_a_verified_query_is_not_found(client):
    assert client.get(reverse("ysqgk:status")).status_code == 404


def test_dashboard_panel_counts_overdue_requests(rf, register, clerk, agency):
    from gongkai.disclosure_requests.dashboard import panel

    register(date(2025, 3, 3))
    result = panel(rf.get("/"), [agency])
    assert result["overdue"] == 1 and result["template"] == "disclosure_requests/panel.html"


def test_in_person_receipt_date_is_the_submission_day(clerk_client, agency):
    data = {**person(), "agency": agency.pk, "channel": "in_person", "submitted_on": "2025-03-03",
            "received_on": "2025-03-05"}
    response = clerk_client.post(reverse("requests:register"), data)
    assert "当面提交的，收到申请日期即为提交之日" in response.content.decode()


def test_ledger_import_page_lists_problems_by_row_and_column(clerk_client, agency):
    from gongkai.disclosure_requests.importjobs import run_job
    from gongkai.disclosure_requests.models import ImportJob
    from tests.disclosure_requests.test_ledger_and_history import _row, _xlsx

    upload = SimpleUploadedFile("台账.xlsx", _xlsx([_row(agency, 申请人类型="外星人")]))
    response = clerk_client.post(reverse("requests:ledger_import"), {"file": upload})
    run_job(ImportJob.objects.get().pk)  # what the worker thread or `gongkai runjobs` does after the upload
    assert "第2行“申请人类型”列" in clerk_client.get(response.url).content.decode()
    assert not Request.objects.exists()


def test_registration_shows_the_applicants_similar_earlier_request(clerk_client, register):
    earlier = register(date(2025, 3, 3), description="2024年宗朗乡惠民补贴资金发放名单")
    page = clerk_client.get(reverse("requests:history"), {"id_number": person()["id_number"],
                                                          "description": "宗朗乡2024年惠民补贴资金发放名单"})
    assert earlier.number in page.content.decode() and "重复申请" in page.content.decode()


def test_workbench_puts_requests_without_a_running_clock_last(clerk_client, register, clerk):
    waiting = register(date(2025, 3, 3))
    services.request_supplement(waiting, actor=clerk, day=date(2025, 3, 4), items="文号",
                                supplement_due=date(2025, 3, 20))
    running = register(date(2025, 3, 5))
    page = clerk_client.get(reverse("requests:workbench")).content.decode()
    assert page.index(running.number) < page.index(waiting.number)
