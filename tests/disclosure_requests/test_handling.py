"""Handling a request on the real calendar: 补正 restart, consultation and fee pauses, extension, lapses."""

import io
from datetime import date

import pytest
from docx import Document as Docx

from gongkai.core.errors import DomainError
from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.models import FeeNotice, State

D = date


def test_national_day_2024_receipt_is_due_on_30_october(register):
    request = register(D(2024, 9, 27))
    assert request.received_on == D(2024, 9, 27)
    assert request.due_on == D(2024, 10, 30)
    assert request.number == "宗朗乡依申〔2024〕第1号"


def test_spring_festival_2025_receipt_is_due_on_21_february(register):
    assert register(D(2025, 1, 20)).due_on == D(2025, 2, 21)


def test_supplement_stops_the_clock_and_restarts_it_from_the_supplement(register, clerk):
    request = register(D(2024, 9, 27))
    services.request_supplement(request, actor=clerk, day=D(2024, 10, 12), items="请写明文件名称或文号",
                                supplement_due=D(2024, 10, 25))
    request.refresh_from_db()
    assert (request.state, request.due_on, request.step_due_on) == (State.AWAITING_SUPPLEMENT, None, D(2024, 10, 25))
    services.receive_supplement(request, actor=services.Applicant("张三"), day=D(2024, 10, 18), text="宗政发3号")
    request.refresh_from_db()
    # 20 working days counted afresh from Friday 18 October 2024.
    assert (request.state, request.due_on) == (State.PROCESSING, D(2024, 11, 15))


def test_supplement_notice_after_seven_working_days_is_refused(register, clerk):
    request = register(D(2024, 9, 27))  # the 7th working day is the make-up Saturday 2024-10-12
    with pytest.raises(DomainError, match="7个工作日"):
        services.request_supplement(request, actor=clerk, day=D(2024, 10, 14), items="文号",
                                    supplement_due=D(2024, 10, 30))


def test_supplement_may_be_asked_only_once(register, clerk):
    request = register(D(2024, 9, 27))
    services.request_supplement(request, actor=clerk, day=D(2024, 9, 30), items="文号", supplement_due=D(2024, 10, 15))
    services.receive_supplement(request, actor=clerk, day=D(2024, 10, 9), text="文号")
    with pytest.raises(DomainError, match="一次性"):
        services.request_supplement(request, actor=clerk, day=D(2024, 10, 10), items="再补",
                                    supplement_due=D(2024, 10, 30))


def test_lapsed_supplement_closes_as_no_supplement(register, clerk):
    request = register(D(2024, 9, 27))
    services.request_supplement(request, actor=clerk, day=D(2024, 9, 30), items="文号", supplement_due=D(2024, 10, 15))
    with pytest.raises(DomainError, match="尚未届满"):
        services.record_event(request, kind="supplement_lapsed", actor=services.SYSTEM_ACTOR, day=D(2024, 10, 15))
    services.close_lapsed(today=D(2024, 10, 16))
    request.refresh_from_db()
    assert (request.state, request.outcome, request.closed_on) == (State.CLOSED, "other.no_supplement", D(2024, 10, 16))


def test_consultation_pauses_the_clock_across_spring_festival_2025(register, clerk):
    request = register(D(2025, 1, 20))
    services.open_consultation(request, actor=clerk, day=D(2025, 2, 5), party_kind="third_party", party_name="某公司")
    services.record_consultation_answer(request, actor=clerk, day=D(2025, 2, 12), consent=False, reason="涉及商业秘密")
    request.refresh_from_db()
    # 6 paused working days (6, 7, make-up Sat 8, 10, 11, 12 February) move 21 February to 3 March.
    assert request.due_on == D(2025, 3, 3)


def test_silent_third_party_has_not_consented_and_silent_agency_has(register, clerk):
    for party_kind, consent in (("third_party", False), ("agency", True)):
        request = register(D(2025, 1, 20))
        services.open_consultation(request, actor=clerk, day=D(2025, 1, 21), party_kind=party_kind, party_name="对方")
        event = services.record_event(request, kind="consultation_lapsed", actor=services.SYSTEM_ACTOR,
                                      day=D(2025, 2, 20))
        assert event.data["consent"] is consent


def test_head_extends_by_twenty_working_days_across_national_day_2025(register, head):
    request = register(D(2025, 9, 26))
    assert request.due_on == D(2025, 10, 30)
    services.extend_deadline(request, actor=head, day=D(2025, 10, 20), days=20, reason="涉及档案检索")
    request.refresh_from_db()
    assert request.due_on == D(2025, 11, 27)
    with pytest.raises(DomainError, match="一次"):
        services.extend_deadline(request, actor=head, day=D(2025, 10, 21), days=5, reason="再延")


def test_extension_beyond_twenty_working_days_is_refused(register, head):
    with pytest.raises(DomainError, match="20个工作日"):
        services.extend_deadline(register(D(2025, 9, 26)), actor=head, day=D(2025, 10, 9), days=21, reason="多")


def test_fee_by_item_counts_the_applicants_requests_in_the_calendar_month(register, clerk):
    requests = [register(D(2026, 3, 2)) for _ in range(11)]
    with pytest.raises(DomainError, match="0元"):
        services.notify_fee(requests[9], actor=clerk, day=D(2026, 3, 3), method="by_item")
    services.notify_fee(requests[10], actor=clerk, day=D(2026, 3, 3), method="by_item")
    notice = FeeNotice.objects.get()
    assert (notice.quantity, notice.amount_yuan) == (11, 100)


def test_fee_notice_pauses_the_clock_until_payment_over_spring_festival_2026(register, clerk):
    request = register(D(2026, 2, 2))
    base = request.due_on
    services.notify_fee(request, actor=clerk, day=D(2026, 2, 9), method="by_page", quantity=754)
    assert FeeNotice.objects.get().amount_yuan == 24860
    services.record_fee_paid(request, actor=clerk, day=D(2026, 2, 27))
    request.refresh_from_db()
    assert request.state == State.PROCESSING
    assert request.due_on > base
    assert FeeNotice.objects.get().paid_on == D(2026, 2, 27)


def test_unpaid_fee_after_twenty_working_days_closes_as_fee_unpaid(register, clerk):
    request = register(D(2025, 9, 1))
    services.notify_fee(request, actor=clerk, day=D(2025, 9, 3), method="by_page", quantity=100)
    request.refresh_from_db()
    services.close_lapsed(today=request.step_due_on)
    request.refresh_from_db()
    assert request.state == State.AWAITING_FEE
    services.close_lapsed(today=D(2025, 10, 20))
    request.refresh_from_db()
    assert (request.state, request.outcome) == (State.CLOSED, "other.fee_unpaid")


def test_withdrawal_closes_as_other(register):
    request = register(D(2025, 9, 1))
    services.withdraw_request(request, actor=services.Applicant("张三"), day=D(2025, 9, 3), reason="不再需要")
    request.refresh_from_db()
    assert (request.state, request.outcome) == (State.CLOSED, "other.other")


def _text(document) -> str:
    return "\n".join(p.text for p in Docx(io.BytesIO(document.content)).paragraphs)


def test_partial_reply_names_what_is_withheld_and_sends_the_withheld_part_to_review_first(register, clerk):
    request = register(D(2025, 9, 1))
    with pytest.raises(DomainError, match="不予公开的内容"):
        services.issue_reply(request, actor=clerk, day=D(2025, 9, 10), outcome="partial")
    event = services.issue_reply(request, actor=clerk, day=D(2025, 9, 10), outcome="partial",
                                 withheld="身份证号码、银行账号", reason="涉及个人隐私（条例第十五条）")
    text = _text(event.document)
    assert "第三十七条" in text and "身份证号码、银行账号" in text
    # 行政复议法 Art. 23: the withheld part is a 不予公开 decision, reviewed before any suit (issue #10)
    assert "60日内向叶城县人民政府申请行政复议。" in text
    assert "对其中不予公开的部分不服的，应当先申请行政复议" in text
    assert "宗朗乡依申告〔2025〕1号" in text


def test_refusal_directs_the_applicant_to_administrative_review_first(register, clerk):
    request = register(D(2025, 9, 1))
    event = services.issue_reply(request, actor=clerk, day=D(2025, 9, 10), outcome="denied.state_secret",
                                 reason="属于国家秘密")
    text = _text(event.document)
    assert "第十四条" in text
    assert "应当先申请行政复议" in text and "第二十三条" in text
    assert "6个月内" not in text


def test_a_correction_is_a_new_document_pointing_to_the_old_one(register, clerk):
    request = register(D(2025, 9, 1))
    first = services.issue_reply(request, actor=clerk, day=D(2025, 9, 10), outcome="granted", how="邮件").document
    second = services.correct_reply(request, actor=clerk, day=D(2025, 9, 11), reason="申请人姓名有误").document
    assert second.replaces == first and second.pk != first.pk
    assert first.number in _text(second)
    with pytest.raises(RuntimeError):
        first.save()


def test_delivery_is_recorded_with_method_and_date(register, clerk):
    request = register(D(2025, 9, 1))
    services.issue_reply(request, actor=clerk, day=D(2025, 9, 10), outcome="granted")
    event = services.record_delivery(request, actor=clerk, day=D(2025, 9, 11), method="post")
    assert (event.kind, event.day, event.data) == ("delivered", D(2025, 9, 11), {"method": "post"})


def test_a_date_in_a_year_the_calendar_does_not_know_is_an_error_naming_the_year(agency, clerk):
    from tests.disclosure_requests.conftest import person

    with pytest.raises(DomainError, match="2003年"):
        services.register_request(agency=agency, actor=clerk, received_on=D(2003, 6, 2), fields=person(channel="fax"))
