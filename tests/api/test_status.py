"""GET /api/v1/requests/{number}/, POST …/supplement/, GET …/documents/{id}/: only for the platform and agency
that forwarded the request; anything else is the same 404 as a number that does not exist."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.api.models import Scope
from gongkai.api.tokens import create_token, revoke_token
from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.models import Request

from .conftest import client_for, path_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def forwarded(forward, today):
    today(date(2025, 9, 26))
    return Request.objects.get(number=forward().json()["number"])


def url(req, tail=""):
    return f"/api/v1/requests/{path_of(req.number)}/{tail}"


def test_the_forwarding_token_reads_state_and_due_date(api, forwarded):
    body = api.get(url(forwarded)).json()
    assert body["number"] == "宗朗乡依申〔2025〕第1号"
    assert body["agency"] == "叶城县宗朗乡人民政府"
    assert (body["state"], body["state_label"]) == ("processing", "办理中")
    assert (body["received_on"], body["due_on"]) == ("2025-09-26", "2025-10-30")
    assert body["reference"] == "12345-20261130-0042"
    assert body["documents"] == [] and body["supplement"] is None


def test_a_token_of_another_agency_gets_404(forwarded, other_token):
    response = client_for(other_token).get(url(forwarded))
    assert response.status_code == 404
    assert response.json() == {"detail": f"未找到本平台转办的申请“{forwarded.number}”"}


def test_another_platform_of_the_same_agency_gets_404(forwarded, agency):
    other_platform = create_token(agency=agency, platform="某网络问政平台", scope=Scope.INTAKE, actor="测试")
    assert client_for(other_platform).get(url(forwarded)).status_code == 404


def test_a_request_registered_at_the_counter_is_not_visible_through_the_api(api, agency, clerk, today):
    today(date(2025, 9, 26))
    counter = services.register_request(agency=agency, actor=clerk, received_on=date(2025, 9, 26), fields={
        "channel": "in_person", "applicant_type": "natural_person", "applicant_name": "李四", "phone": "1",
        "description": "某信息", "form_wanted": "paper", "delivery": "pickup"})
    assert api.get(url(counter)).status_code == 404
    assert api.get("/api/v1/requests/不存在的编号/").status_code == 404


def test_a_read_token_of_the_same_platform_reads_but_cannot_write(forwarded, read_token):
    client = client_for(read_token)
    assert client.get(url(forwarded)).status_code == 200
    response = client.post(url(forwarded, "supplement/"), {"text": "补充说明"}, format="json")
    assert response.status_code == 403
    assert response.json() == {"detail": "该令牌不能提交或修改申请（需要“转办申请”权限）"}


def test_a_revoked_token_is_refused(api, forwarded, intake_token):
    revoke_token(intake_token.token, actor="测试")
    assert api.get(url(forwarded)).status_code == 401


def test_online_supplement_restarts_the_clock_and_the_notice_can_be_downloaded(api, forwarded, clerk, today,
                                                                              other_token):
    today(date(2025, 9, 29))
    services.request_supplement(forwarded, actor=clerk, day=date(2025, 9, 29), items="请说明所需信息的时间范围",
                                supplement_due=date(2025, 10, 20))
    waiting = api.get(url(forwarded)).json()
    assert waiting["state"] == "awaiting_supplement"
    assert waiting["supplement"] == {"items": "请说明所需信息的时间范围", "supplement_due": "2025-10-20",
                                     "requested_on": "2025-09-29"}
    [notice] = waiting["documents"]
    assert notice["kind"] == "supplement_notice" and notice["kind_label"] == "补正通知书"
    download = api.get(notice["url"])
    assert download.status_code == 200
    assert download["Content-Type"].startswith("application/vnd.openxmlformats-officedocument")
    assert bytes(download.content[:2]) == b"PK"
    assert client_for(other_token).get(notice["url"]).status_code == 404

    today(date(2025, 10, 9))  # 10-11 (Saturday) was a make-up working day after 国庆
    response = api.post(url(forwarded, "supplement/"), {"text": "所需信息为2025年第三季度的发放名单"}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["state"] == "processing"
    assert body["due_on"] == "2025-11-05"  # 条例第三十条: 20 working days again from the day the 补正 arrived
    event = forwarded.events.get(kind="supplement_received")
    assert event.data["text"] == "所需信息为2025年第三季度的发放名单"
    assert "申请人张三" in event.actor_label


def test_supplement_with_attachments_by_multipart(api, forwarded, clerk, today):
    today(date(2025, 9, 29))
    services.request_supplement(forwarded, actor=clerk, day=date(2025, 9, 29), items="请提供身份证明",
                                supplement_due=date(2025, 10, 20))
    today(date(2025, 10, 9))
    upload = SimpleUploadedFile("身份证明.pdf", b"%PDF-1.4 scan", "application/pdf")
    response = api.post(url(forwarded, "supplement/"), {"attachments": [upload]}, format="multipart")
    assert response.status_code == 200, response.json()
    assert forwarded.attachments.get().name == "身份证明.pdf"
    assert forwarded.events.get(kind="supplement_received").data["attachments"] == ["身份证明.pdf"]


def test_a_supplement_nobody_asked_for_is_refused_by_the_service(api, forwarded):
    response = api.post(url(forwarded, "supplement/"), {"text": "补充"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"detail": "申请当前状态为“办理中”，不能“收到补正材料”"}


def test_an_empty_supplement_or_a_forbidden_file_gets_a_field_message(api, forwarded, clerk, today):
    today(date(2025, 9, 29))
    services.request_supplement(forwarded, actor=clerk, day=date(2025, 9, 29), items="请说明",
                                supplement_due=date(2025, 10, 20))
    empty = api.post(url(forwarded, "supplement/"), {"text": "  "}, format="json")
    assert empty.status_code == 400
    assert empty.json()["errors"] == {"text": ["请填写补正内容或上传补正材料"]}
    bad = SimpleUploadedFile("病毒.exe", b"MZ\x90\x00", "application/octet-stream")
    refused = api.post(url(forwarded, "supplement/"), {"attachments": [bad]}, format="multipart")
    assert refused.status_code == 400
    assert "类型不允许上传" in refused.json()["errors"]["attachments"][0]
    assert Request.objects.get(pk=forwarded.pk).state == "awaiting_supplement"
