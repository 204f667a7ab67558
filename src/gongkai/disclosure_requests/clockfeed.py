"""Turning stored events into what the statute clock and the transition table need (no writes here)."""

from datetime import date

from gongkai.statute.clock import (
    ClockEvent,
    DatedEvent,
    DueDate,
    consultation_due,
    fee_payment_due,
    reply_due,
)

from .models import EventKind as K
from .models import State
from .transitions import CLOSING_OUTCOMES, next_state

_CLOCK_KINDS = {
    K.REGISTERED: ClockEvent.RECEIVED,
    K.CONFIRMED: ClockEvent.RECEIVED,
    K.SUPPLEMENT_REQUESTED: ClockEvent.SUPPLEMENT_REQUESTED,
    K.SUPPLEMENT_RECEIVED: ClockEvent.SUPPLEMENT_RECEIVED,
    K.CONSULTATION_OPENED: ClockEvent.CONSULTATION_OPENED,
    K.CONSULTATION_ANSWERED: ClockEvent.CONSULTATION_ANSWERED,
    K.EXTENDED: ClockEvent.EXTENDED,
    K.FEE_NOTIFIED: ClockEvent.FEE_NOTIFIED,
    K.FEE_CORRECTED: ClockEvent.FEE_CORRECTED,
    K.FEE_PAID: ClockEvent.FEE_PAID,
}
INITIAL_STATES = {K.SUBMITTED: State.SUBMITTED, K.REGISTERED: State.PROCESSING}


def clock_events(events) -> list[DatedEvent]:
    out = []
    for e in events:
        kind = _CLOCK_KINDS.get(e.kind)
        if kind is not None:
            out.append(DatedEvent(kind, e.day, key=e.data.get("key"), days=e.data.get("days")))
    return out


def replay_state(events) -> str:
    state = INITIAL_STATES[events[0].kind]
    for e in events[1:]:
        state = next_state(state, e.kind)
    return state


def received_on(events) -> date | None:
    return next((e.day for e in events if e.kind in (K.REGISTERED, K.CONFIRMED)), None)


def due_date(events, calendar) -> DueDate | None:
    """The reply due date of the request, from its recorded events alone.

    One rule for every page, the stored index (Request.due_on) and the reminders: an open consultation or
    an unpaid fee notice is counted as pausing the clock up to its limit. The date therefore changes only
    when an event is recorded (an earlier answer or payment brings it forward), never with the day it is
    read, and the explanation lines say so."""
    if received_on(events) is None:
        return None
    return reply_due(clock_events(events), calendar, today=None)


def fee_notice_day(events) -> date | None:
    """109号: the day the applicant received the fee notice in force (the corrected one, if any)."""
    return next((e.day for e in reversed(events) if e.kind in (K.FEE_NOTIFIED, K.FEE_CORRECTED)), None)


def step_due(state: str, events, calendar) -> date | None:
    """The deadline of the step the request waits on: the 补正 deadline, the consultation or payment limit."""
    last = {e.kind: e for e in events}
    if state == State.AWAITING_SUPPLEMENT:
        return date.fromisoformat(last[K.SUPPLEMENT_REQUESTED].data["supplement_due"])
    if state == State.CONSULTING:
        return consultation_due(last[K.CONSULTATION_OPENED].day, calendar)
    if state == State.AWAITING_FEE:
        return fee_payment_due(fee_notice_day(events), calendar)
    return None


def closing(events) -> tuple[date | None, str | None]:
    for e in reversed(events):
        if e.kind in CLOSING_OUTCOMES:
            return e.day, CLOSING_OUTCOMES[e.kind]
        if e.kind == K.REPLIED:
            return e.day, e.data["outcome"]
    return None, None
