"""Every (state, event) pair: allowed pairs reach the table's state, forbidden pairs are refused."""

from datetime import date

import pytest

from gongkai.core.errors import DomainError, PermissionDenied
from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.models import EventKind, Request, State
from gongkai.disclosure_requests.transitions import ROLES, TRANSITIONS, next_state

D = date


def _in_state(state, *, agency, actor, register):
    if state == State.SUBMITTED:
        return services.submit_online(agency=agency, fields=_online(), day=D(2024, 9, 27))
    request = register()
    if state == State.AWAITING_SUPPLEMENT:
        services.request_supplement(request, actor=actor, day=D(2024, 9, 30), items="请写明文件名称",
                                    supplement_due=D(2024, 10, 15))
    elif state == State.CONSULTING:
        services.open_consultation(request, actor=actor, day=D(2024, 9, 30), party_kind="third_party",
                                   party_name="某某公司")
    elif state == State.AWAITING_FEE:
        services.notify_fee(request, actor=actor, day=D(2024, 9, 30), method="by_page", quantity=100)
    elif state == State.CLOSED:
        services.issue_reply(request, actor=actor, day=D(2024, 10, 8), outcome="granted")
    request.refresh_from_db()
    assert request.state == state
    return request


def _online():
    from tests.disclosure_requests.conftest import person

    return person()


def _move(kind, boss):
    """A valid day and data for each move."""
    return {
        EventKind.CONFIRMED: (D(2024, 9, 30), {}),
        EventKind.SUPPLEMENT_REQUESTED: (D(2024, 10, 8), {"items": "文号", "supplement_due": D(2024, 10, 25)}),
        EventKind.SUPPLEMENT_RECEIVED: (D(2024, 10, 10), {"text": "文号为宗政发〔2024〕3号"}),
        EventKind.SUPPLEMENT_LAPSED: (D(2024, 11, 1), {}),
        EventKind.CONSULTATION_OPENED: (D(2024, 10, 8), {"party_kind": "agency", "party_name": "县财政局"}),
        EventKind.CONSULTATION_ANSWERED: (D(2024, 10, 10), {"consent": False}),
        EventKind.CONSULTATION_LAPSED: (D(2024, 11, 1), {}),
        EventKind.EXTENDED: (D(2024, 10, 8), {"days": 10}),
        EventKind.FEE_NOTIFIED: (D(2024, 10, 8), {"method": "by_page", "quantity": 40}),
        EventKind.FEE_CORRECTED: (D(2024, 10, 8), {"method": "by_page", "quantity": 60}),
        EventKind.FEE_PAID: (D(2024, 10, 10), {}),
        EventKind.FEE_LAPSED: (D(2024, 11, 15), {}),
        EventKind.ASSIGNED: (D(2024, 10, 8), {"assignee": boss.pk}),
        EventKind.WITHDRAWN: (D(2024, 10, 8), {}),
        EventKind.TRANSFERRED: (D(2024, 10, 8), {"competent_agency": "叶城县自然资源局"}),
        EventKind.REPLIED: (D(2024, 10, 12), {"outcome": "granted"}),
        EventKind.DELIVERED: (D(2024, 10, 12), {"method": "post"}),
        EventKind.CORRECTED: (D(2024, 10, 12), {"outcome": "granted"}),
    }[kind]


PAIRS = [(s, k) for s in State for k in EventKind if k not in (EventKind.SUBMITTED, EventKind.REGISTERED)]


@pytest.mark.parametrize(("state", "kind"), PAIRS)
def test_every_state_event_pair_follows_the_table(state, kind, agency, boss, register):
    request = _in_state(state, agency=agency, actor=boss, register=register)
    day, data = _move(kind, boss)
    correcting = request.documents.filter(kind="reply").first() if kind == EventKind.CORRECTED else None
    reason = "理由" if kind in (EventKind.CORRECTED, EventKind.FEE_CORRECTED) else ""
    before = request.events.count()
    if kind in TRANSITIONS[state]:
        services.record_event(request, kind=kind, actor=boss, day=day, data=data, reason=reason,
                              correcting=correcting)
        request.refresh_from_db()
        assert request.state == next_state(state, kind)
        assert request.events.count() == before + 1
    else:
        with pytest.raises(DomainError, match="不能"):
            services.record_event(request, kind=kind, actor=boss, day=day, data=data, reason=reason)
        assert request.events.count() == before
        assert Request.objects.get(pk=request.pk).state == state


def test_every_move_names_who_may_make_it():
    assert set(ROLES) == {k for moves in TRANSITIONS.values() for k in moves}


def test_a_clerk_cannot_extend_the_deadline_only_the_head_can(register, clerk, head):
    request = register()
    with pytest.raises(PermissionDenied, match="负责人"):
        services.extend_deadline(request, actor=clerk, day=D(2024, 10, 8), days=10, reason="需要检索档案")
    services.extend_deadline(request, actor=head, day=D(2024, 10, 8), days=10, reason="需要检索档案")


def test_an_applicant_cannot_reply_to_their_own_request(register):
    request = register()
    with pytest.raises(PermissionDenied):
        services.issue_reply(request, actor=services.Applicant("张三"), day=D(2024, 10, 8), outcome="granted")


def test_a_clerk_of_another_agency_cannot_touch_the_request(register, outsider):
    request = register()
    with pytest.raises(PermissionDenied):
        services.issue_reply(request, actor=outsider, day=D(2024, 10, 8), outcome="granted")


def test_every_move_writes_an_audit_entry(register, clerk):
    from gongkai.core.models import AuditEntry

    request = register()
    services.open_consultation(request, actor=clerk, day=D(2024, 10, 8), party_kind="agency", party_name="县财政局")
    actions = list(AuditEntry.objects.filter(object_id=str(request.pk)).values_list("action", flat=True))
    assert actions == ["requests.registered", "requests.consultation.opened"]


def test_events_are_append_only(register):
    event = register().events.get()
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()
