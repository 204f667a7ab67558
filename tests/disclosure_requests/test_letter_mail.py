"""The applicant is told by e-mail when a letter is issued: request number, no query code, no letter text; a
mail server that fails does not undo the letter (issue #15)."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from gongkai.core.models import AuditEntry
from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.models import Document


def test_an_issued_reply_sends_one_mail_naming_the_request_without_the_code_or_the_letter(
        register, clerk, django_capture_on_commit_callbacks):
    req = register(date(2025, 9, 1))
    code = req.query_code
    with django_capture_on_commit_callbacks(execute=True):
        services.issue_reply(req, actor=clerk, day=date(2025, 9, 10), outcome="denied.state_secret",
                             reason="所申请信息经鉴定属于国家秘密")
    [message] = mail.outbox
    assert message.to == ["zhangsan@example.com"]
    assert req.number in message.subject and req.number in message.body
    assert "政府信息公开申请答复告知书" in message.body and "宗朗乡依申告〔2025〕1号" in message.body
    assert "查询码" in message.body and reverse("ysqgk:query") in message.body
    assert code not in message.body and code not in message.subject
    assert "国家秘密" not in message.body  # the letter's content stays on the query page
    assert AuditEntry.objects.filter(action="requests.email.sent").count() == 1


def test_no_mail_without_an_address(register, clerk, django_capture_on_commit_callbacks):
    req = register(date(2025, 9, 1), email="", phone="13800000000")
    with django_capture_on_commit_callbacks(execute=True):
        services.issue_reply(req, actor=clerk, day=date(2025, 9, 10), outcome="granted")
    assert mail.outbox == []
    assert Document.objects.filter(request=req, kind="reply").exists()


def test_a_consultation_letter_is_not_mailed_to_the_applicant(register, clerk, django_capture_on_commit_callbacks):
    req = register(date(2025, 9, 1))
    with django_capture_on_commit_callbacks(execute=True):
        services.open_consultation(req, actor=clerk, day=date(2025, 9, 2), party_kind="third_party",
                                   party_name="某合作社")
    assert mail.outbox == []


def test_a_supplement_notice_is_mailed_too(register, clerk, django_capture_on_commit_callbacks):
    req = register(date(2025, 9, 1))
    with django_capture_on_commit_callbacks(execute=True):
        services.request_supplement(req, actor=clerk, day=date(2025, 9, 2), items="身份证明",
                                    supplement_due=date(2025, 9, 20))
    [message] = mail.outbox
    assert "补正通知书" in message.subject and req.number in message.subject


def test_nothing_is_sent_before_the_commit_nor_for_a_move_that_is_rolled_back(
        register, clerk, django_capture_on_commit_callbacks):
    req = register(date(2025, 9, 1))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.issue_reply(req, actor=clerk, day=date(2025, 9, 10), outcome="granted")
    assert mail.outbox == [] and len(callbacks) == 1
    other = register(date(2025, 9, 1))
    with django_capture_on_commit_callbacks(execute=True):
        services.preview_letter(lambda: services.issue_reply(other, actor=clerk, day=date(2025, 9, 10),
                                                             outcome="granted"))
    assert mail.outbox == []


class _Broken:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server refused the connection")


def test_a_failing_mail_server_keeps_the_letter_and_records_the_failure(
        register, clerk, settings, django_capture_on_commit_callbacks, caplog):
    settings.EMAIL_BACKEND = f"{__name__}._Broken"
    req = register(date(2025, 9, 1))
    with django_capture_on_commit_callbacks(execute=True):
        event = services.issue_reply(req, actor=clerk, day=date(2025, 9, 10), outcome="granted")
    assert Document.objects.filter(pk=event.document_id).exists()
    req.refresh_from_db()
    assert req.state == "closed"
    failed = AuditEntry.objects.get(action="requests.email.failed")
    assert failed.data["document"] == event.document_id and "ConnectionRefusedError" in failed.data["error"]
    assert "邮件通知未能发送" in caplog.text


@pytest.mark.parametrize("delivery", ["post", "email"])
def test_the_query_page_says_a_letter_was_issued(client, register, clerk, delivery):
    req = register(date(2025, 9, 1), delivery=delivery)
    services.issue_reply(req, actor=clerk, day=date(2025, 9, 10), outcome="granted")
    client.post(reverse("ysqgk:query"), {"number": req.number, "code": req.query_code})
    page = client.get(reverse("ysqgk:status")).content.decode()
    assert "2025年9月10日发出" in page and "政府信息公开申请答复告知书（宗朗乡依申告〔2025〕1号）" in page


def test_loading_the_demo_sends_no_mail(register, clerk, django_capture_on_commit_callbacks):
    from gongkai.disclosure_requests.notifications import no_letter_mail

    req = register(date(2025, 9, 1))
    with django_capture_on_commit_callbacks(execute=True), no_letter_mail():
        services.issue_reply(req, actor=clerk, day=date(2025, 9, 10), outcome="granted")
    assert mail.outbox == []
