"""国办函〔2020〕109号 step by step: one notice and one method per request, a corrected notice replaces the
unpaid one, the notice goes out within the reply period, and a late payment or 补正 needs a 正当理由
accepted by the head (负责人)."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from gongkai.core.errors import DomainError
from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.models import Document, FeeNotice, State

D = date


def test_a_request_charged_by_item_cannot_then_be_charged_by_page(register, clerk):
    # The 11th request of March 2026 costs 100 元 by item; 754 pages would add 24,860 元 to the same request.
    requests = [register(D(2026, 3, 2)) for _ in range(11)]
    eleventh = requests[10]
    services.notify_fee(eleventh, actor=clerk, day=D(2026, 3, 3), method="by_item")
    services.record_fee_paid(eleventh, actor=clerk, day=D(2026, 3, 5))
    with pytest.raises(DomainError, match="只能发出一份收费通知"):
        services.notify_fee(eleventh, actor=clerk, day=D(2026, 3, 6), method="by_page", quantity=754)
    assert list(FeeNotice.objects.values_list("method", "amount_yuan")) == [("by_item", 100)]


def test_a_second_notice_is_refused_even_with_the_same_method(register, clerk):
    request = register(D(2025, 9, 1))
    services.notify_fee(request, actor=clerk, day=D(2025, 9, 3), method="by_page", quantity=100)
    services.record_fee_paid(request, actor=clerk, day=D(2025, 9, 10))
    request.refresh_from_db()
    assert "fee_notified" not in services.available_actions(request, clerk)
    with pytest.raises(DomainError, match="一份收费通知"):
        services.notify_fee(request, actor=clerk, day=D(2025, 9, 11), method="by_page", quantity=754)


def test_a_corrected_notice_replaces_the_unpaid_one_and_its_payment_period_runs_from_it(register, clerk):
    request = register(D(2025, 9, 1))
    services.notify_fee(request, actor=clerk, day=D(2025, 9, 3), method="by_page", quantity=745)
    first = Document.objects.get(kind="fee_notice")
    event = services.correct_fee_notice(request, actor=clerk, day=D(2025, 9, 5), method="by_page", quantity=754,
                                        reason="页数统计有误")
    assert event.kind == "fee_corrected"
    assert event.document.replaces == first
    old, new = FeeNotice.objects.order_by("pk")
    assert (old.amount_yuan, old.superseded_on) == (24500, D(2025, 9, 5))
    assert (new.amount_yuan, new.superseded_on, new.replaces) == (24860, None, old)
    request.refresh_from_db()
    # 20 working days from Friday 5 September 2025, not from the first notice (which gave 30 September):
    # the make-up Sunday 28 September counts, 1–8 October do not.
    assert (request.state, request.step_due_on) == (State.AWAITING_FEE, D(2025, 10, 10))
    services.record_fee_paid(request, actor=clerk, day=D(2025, 10, 10))
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.paid_on, new.paid_on) == (None, D(2025, 10, 10))


def test_a_correction_keeps_the_charging_method_and_needs_a_reason(register, clerk):
    request = register(D(2025, 9, 1))
    services.notify_fee(request, actor=clerk, day=D(2025, 9, 3), method="by_page", quantity=100)
    with pytest.raises(DomainError, match="一种方式"):
        services.correct_fee_notice(request, actor=clerk, day=D(2025, 9, 4), method="by_item", reason="改按件")
    with pytest.raises(DomainError, match="理由"):
        services.correct_fee_notice(request, actor=clerk, day=D(2025, 9, 4), method="by_page", quantity=90,
                                    reason="")


def test_the_database_holds_one_fee_notice_in_force_per_request(register):
    request = register(D(2025, 9, 1))
    FeeNotice.objects.create(request=request, method="by_page", quantity=100, amount_yuan=1700,
                             notified_on=D(2025, 9, 3))
    with pytest.raises(IntegrityError), transaction.atomic():
        FeeNotice.objects.create(request=request, method="by_item", quantity=11, amount_yuan=100,
                                 notified_on=D(2025, 9, 4))


def test_a_fee_notice_after_the_reply_deadline_is_refused(register, clerk):
    request = register(D(2025, 9, 26))
    assert request.due_on == D(2025, 10, 30)
    with pytest.raises(DomainError, match="答复期限 2025-10-30 已过"):
        services.notify_fee(request, actor=clerk, day=D(2025, 10, 31), method="by_page", quantity=100)
    services.notify_fee(request, actor=clerk, day=D(2025, 10, 30), method="by_page", quantity=100)


def _awaiting_fee(register, clerk):
    request = register(D(2025, 9, 1))
    services.notify_fee(request, actor=clerk, day=D(2025, 9, 3), method="by_page", quantity=100)
    request.refresh_from_db()
    return request


def test_a_payment_after_the_twenty_working_days_is_refused_without_a_reason_accepted_by_the_head(
        register, clerk, boss):
    request = _awaiting_fee(register, clerk)
    limit = request.step_due_on
    assert limit == D(2025, 9, 30)  # 20 working days after 3 September 2025 (make-up Sunday 28 September counts)
    with pytest.raises(DomainError, match="正当理由"):
        services.record_fee_paid(request, actor=clerk, day=D(2025, 10, 9))
    with pytest.raises(DomainError, match="负责人"):
        services.record_fee_paid(request, actor=clerk, day=D(2025, 10, 9), reason="申请人住院")
    request.refresh_from_db()
    assert request.state == State.AWAITING_FEE
    event = services.record_fee_paid(request, actor=boss, day=D(2025, 10, 9), reason="申请人住院，提供了住院证明")
    request.refresh_from_db()
    assert request.state == State.PROCESSING
    assert event.data["late"]["limit"] == "2025-09-30" and event.reason.startswith("申请人住院")


def test_a_payment_on_the_last_day_needs_no_reason(register, clerk):
    request = _awaiting_fee(register, clerk)
    services.record_fee_paid(request, actor=clerk, day=D(2025, 9, 30))
    request.refresh_from_db()
    assert request.state == State.PROCESSING


def _awaiting_supplement(register, clerk):
    request = register(D(2024, 9, 27))
    services.request_supplement(request, actor=clerk, day=D(2024, 9, 30), items="文号", supplement_due=D(2024, 10, 15))
    return request


def test_a_supplement_after_its_deadline_needs_a_reason_accepted_by_the_head(register, clerk, boss):
    request = _awaiting_supplement(register, clerk)
    with pytest.raises(DomainError, match="补正期限2024-10-15已过.*请与受理机关联系"):
        services.receive_supplement(request, actor=services.Applicant("张三"), day=D(2024, 10, 16), text="宗政发3号")
    with pytest.raises(DomainError, match="正当理由"):
        services.receive_supplement(request, actor=clerk, day=D(2024, 10, 16), text="宗政发3号")
    with pytest.raises(DomainError, match="负责人"):
        services.receive_supplement(request, actor=clerk, day=D(2024, 10, 16), text="宗政发3号", reason="邮路延误")
    services.receive_supplement(request, actor=boss, day=D(2024, 10, 16), text="宗政发3号",
                                reason="邮路延误，邮戳为10月14日")
    request.refresh_from_db()
    assert request.state == State.PROCESSING


def test_a_supplement_on_its_deadline_is_accepted_from_the_applicant(register, clerk):
    request = _awaiting_supplement(register, clerk)
    services.receive_supplement(request, actor=services.Applicant("张三"), day=D(2024, 10, 15), text="宗政发3号")
    request.refresh_from_db()
    assert request.state == State.PROCESSING
