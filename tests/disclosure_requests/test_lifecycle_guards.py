"""Moves the table allows by state but the law does not in the case at hand, refused in the service."""

from datetime import date

import pytest

from gongkai.core.errors import DomainError
from gongkai.disclosure_requests import services

D = date


def test_nothing_to_deliver_after_a_withdrawal(register, clerk):
    request = register(D(2025, 9, 1))
    services.withdraw_request(request, actor=services.Applicant("张三"), day=D(2025, 9, 3), reason="不再需要")
    with pytest.raises(DomainError, match="没有需要送达的文书"):
        services.record_delivery(request, actor=clerk, day=D(2025, 9, 4), method="post")


def test_a_transfer_notice_can_be_delivered(register, clerk):
    request = register(D(2025, 9, 1))
    services.transfer_request(request, actor=clerk, day=D(2025, 9, 3), competent_agency="叶城县自然资源局")
    services.record_delivery(request, actor=clerk, day=D(2025, 9, 4), method="post")


def test_a_reply_correction_needs_a_reply(register, clerk):
    request = register(D(2025, 9, 1))
    services.transfer_request(request, actor=clerk, day=D(2025, 9, 3), competent_agency="叶城县自然资源局")
    with pytest.raises(DomainError, match="没有可更正的答复"):
        services.record_event(request, kind="corrected", actor=clerk, day=D(2025, 9, 4), reason="更正",
                              data={"outcome": "granted"})


def test_still_unclear_after_supplement_needs_a_supplement(register, clerk):
    request = register(D(2025, 9, 1))
    with pytest.raises(DomainError, match="补正"):
        services.issue_reply(request, actor=clerk, day=D(2025, 9, 3), outcome="unable.unclear", reason="内容不明确")
    services.request_supplement(request, actor=clerk, day=D(2025, 9, 2), items="文号", supplement_due=D(2025, 9, 12))
    services.receive_supplement(request, actor=clerk, day=D(2025, 9, 5), text="仍未写明")
    services.issue_reply(request, actor=clerk, day=D(2025, 9, 8), outcome="unable.unclear", reason="补正后仍不明确")
