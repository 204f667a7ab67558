"""POST /api/v1/requests/: a forwarded request is registered once, received on the day it is accepted
(条例第三十一条（三）), checked by the public form's own rules."""

from datetime import date

import pytest

from gongkai.api.models import ForwardedRequest
from gongkai.core.models import AuditEntry
from gongkai.disclosure_requests import query_codes
from gongkai.disclosure_requests.forms import PublicRequestForm
from gongkai.disclosure_requests.models import Request, State

from .conftest import PERSON, client_for

pytestmark = pytest.mark.django_db


def test_a_forwarded_request_is_received_the_day_it_is_accepted_and_due_20_working_days_later(forward, agency, today):
    today(date(2025, 9, 26))  # Friday; 2025-09-28 (Sunday) was a make-up working day, then 国庆 1–8 October
    response = forward(submitted_on="2025-09-25", forwarded_at="2025-09-26T09:30:00+08:00")
    assert response.status_code == 201
    body = response.json()
    assert body["created"] is True
    assert body["number"] == "宗朗乡依申〔2025〕第1号"
    assert body["received_on"] == "2025-09-26"
    assert body["due_on"] == "2025-10-30"
    assert body["due_warning"] == ""
    request = Request.objects.get(number=body["number"])
    assert query_codes.check(body["query_code"], request.query_code_hash) and len(body["query_code"]) == 10
    assert request.agency == agency and request.state == State.PROCESSING
    assert request.channel == "forwarded_12345" and request.get_channel_display() == "12345转办"
    assert request.submitted_on == date(2025, 9, 25)
    event = request.events.get()
    assert event.kind == "registered" and event.day == date(2025, 9, 26)
    assert "叶城县12345政务服务便民热线" in event.actor_label and "张三" in event.actor_label
    forwarded = ForwardedRequest.objects.get(request=request)
    assert forwarded.reference == "12345-20261130-0042" and forwarded.platform == "叶城县12345政务服务便民热线"
    assert body["status_url"].endswith("/api/v1/requests/%E5%AE%97%E6%9C%97%E4%B9%A1%E4%BE%9D%E7%94%B3%E3%80%942025"
                                       "%E3%80%95%E7%AC%AC1%E5%8F%B7/")


def test_a_due_date_in_a_year_without_a_holiday_notice_is_null_with_the_warning(forward, today):
    today(date(2026, 12, 15))  # +20 working days falls in 2027, which no notice covers yet
    body = forward().json()
    assert body["received_on"] == "2026-12-15"
    assert body["due_on"] is None
    assert "2027年节假日安排未录入" in body["due_warning"]


def test_a_retried_post_returns_the_same_request_without_the_code(forward):
    first = forward()
    again = forward(applicant_name="张三（重发）")
    assert first.status_code == 201 and again.status_code == 200
    assert again.json()["number"] == first.json()["number"]
    assert again.json()["created"] is False and again.json()["query_code"] is None
    assert Request.objects.count() == 1
    assert forward(reference="12345-20261130-0043").json()["number"] != first.json()["number"]
    assert Request.objects.count() == 2


def test_the_same_reference_from_another_agencys_token_is_another_request(forward, other_token):
    first = forward()
    second = forward(client=client_for(other_token))
    assert second.status_code == 201
    assert second.json()["number"] != first.json()["number"]
    assert second.json()["number"].startswith("乌夏巴什镇")


def test_the_database_refuses_a_second_row_for_one_reference(forward, intake_token):
    from django.db import IntegrityError, transaction

    first = ForwardedRequest.objects.get(request__number=forward().json()["number"])
    other = Request.objects.get(number=forward(reference="another").json()["number"])
    with pytest.raises(IntegrityError), transaction.atomic():
        ForwardedRequest.objects.filter(request=other).update(reference=first.reference)


def _form_errors(data) -> dict:
    form = PublicRequestForm(data={**data, "token": "x"})
    form.is_valid()
    return {k: list(v) for k, v in form.errors.items() if k not in ("agency",)}


@pytest.mark.parametrize("overrides, fields", [
    ({"id_number": "110105194912310021"}, {"id_number"}),
    ({"phone": "", "email": "", "address": ""}, {"phone"}),
    ({"applicant_type": "business", "org_name": "", "uscc": "91110000000000000X"}, {"org_name", "uscc"}),
    ({"description": "   ", "form_wanted": "telegram"}, {"description", "form_wanted"}),
    ({"applicant_name": ""}, {"applicant_name"}),
])
def test_bad_fields_get_the_public_forms_chinese_messages_per_field(forward, overrides, fields):
    response = forward(**overrides)
    assert response.status_code == 400
    body = response.json()
    assert body["detail"].startswith("提交的内容有误")
    assert set(body["errors"]) == fields
    assert body["errors"] == _form_errors({**PERSON, **overrides})
    assert Request.objects.count() == 0


def test_platform_fields_are_checked_with_chinese_messages(forward):
    body = forward(channel="online", reference="", submitted_on="明天", forwarded_at="x", phone=["1"]).json()
    assert body["errors"] == {
        "channel": ["申请渠道应为 forwarded_platform（网络平台转办）或 forwarded_12345（12345转办）"],
        "reference": ["平台工单号不能为空"],
        "submitted_on": ["申请人提交日期格式应为 YYYY-MM-DD"],
        "forwarded_at": ["平台转办时间格式应为 ISO 8601，如 2026-11-30T09:30:00+08:00"],
        "phone": ["应为文本"],
    }


def test_a_submission_date_after_today_is_refused_by_the_service(forward, today):
    today(date(2025, 9, 26))
    response = forward(submitted_on="2025-09-27")
    assert response.status_code == 400
    message = "申请人提交日期不能晚于今天"
    assert response.json() == {"detail": message, "errors": {"submitted_on": [message]}}


def test_a_body_that_is_not_an_object_or_not_json_is_a_chinese_400(api):
    assert api.post("/api/v1/requests/", [1, 2], format="json").json()["errors"] == {
        "non_field_errors": ["请求体应为 JSON 对象"]}
    response = api.post("/api/v1/requests/", "{not json", content_type="application/json")
    assert response.status_code == 400 and response.json() == {"detail": "请求体不是有效的 JSON"}


def test_a_read_token_cannot_write(read_token, forward):
    response = forward(client=client_for(read_token))
    assert response.status_code == 403
    assert response.json() == {"detail": "该令牌不能提交或修改申请（需要“转办申请”权限）"}
    assert Request.objects.count() == 0


def test_no_token_or_a_wrong_one_is_401(forward, anon):
    response = forward(client=anon)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert "需要接口令牌" in response.json()["detail"]
    bad = client_for()
    bad.credentials(HTTP_AUTHORIZATION="Bearer gk_not-a-token")
    assert forward(client=bad).json() == {"detail": "令牌无效或已被吊销"}


def test_every_call_is_audited_with_its_token(forward, intake_token):
    forward()
    forward(phone="", email="")
    calls = AuditEntry.objects.filter(action="api.call").order_by("id")
    assert [c.data["status"] for c in calls] == [201, 400]
    assert all(c.object_id == str(intake_token.token.pk) and c.data["token"] == intake_token.token.pk for c in calls)
    assert AuditEntry.objects.filter(action="requests.registered").count() == 1


def test_the_service_registers_only_forwarded_channels(agency, intake_token):
    from gongkai.api.actors import PlatformActor
    from gongkai.core.errors import DomainError
    from gongkai.disclosure_requests import services

    fields = {k: v for k, v in PERSON.items() if k != "reference"}
    with pytest.raises(DomainError, match="网络平台转办") as refused:
        services.register_forwarded(agency=agency, actor=PlatformActor(intake_token.token),
                                    fields={**fields, "channel": "in_person"})
    assert refused.value.field == "channel"
