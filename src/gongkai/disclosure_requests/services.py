"""Every change to a request goes through `record_event` (or the two creating functions).

Shape of each move (style.md rule 2): lock the row → check the transition table and the actor's role →
check the move's own rule (guards) → issue the letter → append the event → recompute state and due
date from ALL events with the statute clock → audit entry, all in one transaction.
"""

import logging
from datetime import date

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.permissions import can_approve_extension, can_work_in
from gongkai.core.audit import log_action
from gongkai.core.errors import DomainError, PermissionDenied
from gongkai.core.sequences import next_number
from gongkai.statute.clock import (
    CalendarYearMissing,
)
from gongkai.statute.outcomes import APPLICANT_KEYS, APPLICANT_LABELS
from gongkai.workdays.calendar import get_calendar

from . import clockfeed, letters, notifications, published_years
from .guards import GUARDS, last_event, no_guard
from .models import FORWARDED_CHANNELS, NO_DUE, Document, FeeNotice, Request, RequestEvent, State
from .models import EventKind as K
from .transitions import APPLICANT, HEAD, ROLE_LABELS, ROLES, STAFF, SYSTEM, TRANSITIONS, next_state

log = logging.getLogger(__name__)

LETTER_FOR = {
    K.SUPPLEMENT_REQUESTED: Document.Kind.SUPPLEMENT_NOTICE,
    K.CONSULTATION_OPENED: Document.Kind.CONSULTATION_LETTER,
    K.EXTENDED: Document.Kind.EXTENSION_NOTICE,
    K.FEE_NOTIFIED: Document.Kind.FEE_NOTICE,
    K.FEE_CORRECTED: Document.Kind.FEE_NOTICE,
    K.TRANSFERRED: Document.Kind.TRANSFER_NOTICE,
    K.REPLIED: Document.Kind.REPLY,
    K.CORRECTED: Document.Kind.REPLY,
}


class Applicant:
    """The applicant acting through the query page (proved by number + query code)."""

    is_authenticated = False

    def __init__(self, name: str):
        self.name = name

    def __str__(self):
        return f"申请人{self.name}"


class System:
    is_authenticated = False

    def __str__(self):
        return "系统（定时任务）"


SYSTEM_ACTOR = System()


def actor_roles(request: Request, actor) -> set[str]:
    if isinstance(actor, Applicant):
        return {APPLICANT}
    if isinstance(actor, System):
        return {SYSTEM}
    roles = set()
    if can_work_in(actor, request.agency):
        roles.add(STAFF)
    if can_approve_extension(actor, request.agency):
        roles.add(HEAD)
    return roles


def _today() -> date:
    return timezone.localdate()


def _calendar():
    return get_calendar()


# --- creating a request -------------------------------------------------------------------------


def applicant_key(fields: dict) -> str:
    if fields.get("uscc"):
        return "uscc:" + fields["uscc"].strip().upper()
    if fields.get("id_number"):
        return "id:" + fields["id_number"].strip().upper()
    return "name:" + fields.get("applicant_name", "").strip()


def _number(agency, year: int) -> str:
    serial = next_number(agency=agency, scope="request", year=year)
    return agency.request_number_format.format(short_name=agency.short_name, year=year, serial=serial)


def check_applicant_type(value) -> None:
    """表三 has one column per applicant type: a request must be in exactly one of them."""
    if value not in APPLICANT_KEYS:
        names = "、".join(APPLICANT_LABELS[k] for k in APPLICANT_LABELS)
        raise DomainError(f"申请人类型应为以下之一：{names}", field="applicant_type")


def _create(*, agency, kind, actor, day, fields, state, correction_reason="") -> Request:
    check_applicant_type(fields.get("applicant_type"))
    with transaction.atomic():
        published = None
        if kind in published_years.REPORTED_KINDS:
            published = published_years.check_open_year(agency, day=day, what=K(kind).label,
                                                         correction_reason=correction_reason)
        request = Request(agency=agency, number=_number(agency, day.year), state=state, submitted_on=fields.pop(
            "submitted_on", day), applicant_key=applicant_key(fields), **fields)
        request.save()
        event = _append(request, kind=kind, actor=actor, day=day, reason="", data={"channel": request.channel})
        _recompute(request)
        _audit(request, event, actor)
        if published is not None:
            published_years.record_correction(published, obj=request, what=K(kind).label, day=day,
                                              correction_reason=correction_reason, actor=actor)
    return request


def register_request(*, agency, actor, received_on: date, fields: dict, correction_reason: str = "") -> Request:
    """条例 Art. 31: staff register a request received in person, by post, fax or e-mail on its receipt date.

    A receipt date inside a year whose annual report is published needs `correction_reason` (published_years)."""
    if not can_work_in(actor, agency):
        raise PermissionDenied("只有本机关工作人员可以登记申请")
    if received_on > _today():
        raise DomainError("收到申请日期不能晚于今天", field="received_on")
    submitted = fields.get("submitted_on")
    if submitted and submitted > received_on:
        raise DomainError("收到申请日期不能早于提交（寄出）日期", field="received_on")
    _check_calendar(received_on)
    return _create(agency=agency, kind=K.REGISTERED, actor=actor, day=received_on, fields=dict(fields),
                   state=State.PROCESSING, correction_reason=correction_reason)


def submit_online(*, agency, fields: dict, day: date | None = None, actor=None) -> Request:
    """条例 Art. 29: an online application; its receipt date is fixed when the agency confirms it (Art. 31).

    The created request carries its plaintext `query_code` for the receipt; only its hash is stored."""
    fields = dict(fields, channel="online")
    actor = actor or Applicant(fields.get("applicant_name", ""))
    return _create(agency=agency, kind=K.SUBMITTED, actor=actor, day=day or _today(), fields=fields,
                   state=State.SUBMITTED)


def register_forwarded(*, agency, actor, fields: dict) -> Request:
    """条例 Art. 31(三): a request another platform forwards (网络平台转办, 12345转办) is received on the day both
    sides confirm it; the platform sends it and the agency's system answers with the request number at once, so
    that day is today, never a date the caller chooses."""
    if fields.get("channel") not in FORWARDED_CHANNELS:
        raise DomainError("转办申请的渠道应为“网络平台转办”或“12345转办”", field="channel")
    today = _today()
    submitted = fields.get("submitted_on")
    if submitted and submitted > today:
        raise DomainError("申请人提交日期不能晚于今天", field="submitted_on")
    _check_calendar(today)
    return _create(agency=agency, kind=K.REGISTERED, actor=actor, day=today, fields=dict(fields),
                   state=State.PROCESSING)


def _check_calendar(day: date) -> None:
    try:
        _calendar().is_workday(day)
    except CalendarYearMissing as exc:
        raise DomainError(str(exc)) from None


# --- the one move function ----------------------------------------------------------------------


def record_event(request: Request, *, kind: str, actor, day: date, reason: str = "", data: dict | None = None,
                 correcting: Document | None = None, issue_letter: bool = True,
                 correction_reason: str = "", expect_letter: str = "") -> RequestEvent:
    """The single entry point for every move on an existing request (web, admin, CLI, runperiodic).

    A move that decides a report figure and is dated into a year whose annual report is published is
    refused, or with `correction_reason` recorded as an audited correction flagging that report.

    `expect_letter`: the digest of the letter the clerk previewed (`preview_letter`); a letter whose text differs
    (its number was taken meanwhile, the template changed) is not issued, so what was seen is what goes out."""
    data = dict(data or {})
    with transaction.atomic():
        request = Request.objects.select_for_update().select_related("agency").get(pk=request.pk)
        _check_move(request, kind=kind, actor=actor)
        events = list(request.events.order_by("day", "id"))
        _check_day(request, events, day)
        published = None
        if kind in published_years.REPORTED_KINDS:
            published = published_years.check_open_year(request.agency, day=day, what=K(kind).label,
                                                         correction_reason=correction_reason)
        calendar = _calendar()
        roles = actor_roles(request, actor)
        try:
            GUARDS.get(kind, no_guard)(request, events=events, day=day, reason=reason, data=data, calendar=calendar,
                                       roles=roles)
            if kind == K.FEE_CORRECTED and correcting is None:
                correcting = _fee_notice_document(request)
            document = (_issue_letter(request, kind=kind, day=day, data=data, reason=reason, correcting=correcting)
                        if issue_letter else None)
            _check_previewed(document, expect_letter)
            event = _append(request, kind=kind, actor=actor, day=day, reason=reason, data=data, document=document)
            _after(request, event)
            _recompute(request, calendar)
        except CalendarYearMissing as exc:  # only a guard that itself needs a day of that year gets here
            raise DomainError(f"不能“{K(kind).label}”：{exc.year}年节假日安排未录入，无法计算该事项的期限；"
                              "请管理员在“管理后台 → 节假日安排”录入") from None
        _audit(request, event, actor)
        if published is not None:
            published_years.record_correction(published, obj=request, what=K(kind).label, day=day,
                                              correction_reason=correction_reason, actor=actor)
        if document is not None:
            notifications.after_letter(request, document)  # sent once the transaction commits
    return event


def _check_previewed(document, expect_letter: str) -> None:
    if expect_letter and (document is None or letters.letter_digest(document.content) != expect_letter):
        raise DomainError("文书内容与预览时不一致（文号可能已被同时发出的其他文书占用），未发出；请重新预览后再确认",
                          field="preview")


class _Discard(Exception):
    """Raised inside a preview's transaction to roll the move back."""


def preview_letter(move) -> Document | None:
    """The letter a move would issue, exactly: the move runs (every rule, the real next number) and is rolled
    back, so nothing is recorded, no number is used and no e-mail goes out. `move()` returns its event."""
    found = []
    try:
        with transaction.atomic():
            found.append(move().document)
            raise _Discard
    except _Discard:
        pass
    document = found[0]
    if document is not None:
        document.pk = None  # it was never kept
    return document


def _fee_notice_document(request) -> Document | None:
    """The fee notice in force: the one a correction replaces."""
    return (request.documents.filter(kind=Document.Kind.FEE_NOTICE, replaced_by__isnull=True)
            .order_by("-issued_on", "-id").first())


def _check_move(request, *, kind, actor) -> None:
    if kind not in ROLES:
        raise DomainError(f"未知的办理事项：{kind}")
    try:
        next_state(request.state, kind)
    except KeyError:
        raise DomainError(
            f"申请当前状态为“{request.get_state_display()}”，不能“{K(kind).label}”"
        ) from None
    if not actor_roles(request, actor) & ROLES[kind]:
        who = "、".join(ROLE_LABELS[r] for r in sorted(ROLES[kind]))
        raise PermissionDenied(f"“{K(kind).label}”只能由{who}办理")


def _check_day(request, events, day: date) -> None:
    if day > _today():
        raise DomainError("日期不能晚于今天", field="day")
    if events and day < events[-1].day:
        raise DomainError(f"日期不能早于上一办理事项的日期（{events[-1].day.isoformat()}）", field="day")


def _append(request, *, kind, actor, day, reason, data, document=None) -> RequestEvent:
    user = actor if getattr(actor, "is_authenticated", False) else None
    label = (user.get_full_name() if user else str(actor))[:150]
    trace = getattr(actor, "trace", None)
    if trace:  # the applicant acting on the public pages: session hash, address and time beside "申请人"
        data = {**data, "public": trace}
    return RequestEvent.objects.create(request=request, kind=kind, day=day, actor=user, actor_label=label,
                                       reason=reason, data=_jsonable(data), document=document)


def _jsonable(data: dict) -> dict:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in data.items()}


def derived_fields(events, calendar) -> dict:
    """State, receipt date, due dates, outcome of a request: all derived from its whole event list (ordered by
    day, then as recorded), never patched. The one rule for a move and for the bulk ledger import."""
    state = clockfeed.replay_state(events)
    # A due date in a year whose holiday schedule is not entered yet (December → next January) is not
    # a reason to refuse the move: the date stays empty and the request carries a warning until an
    # administrator enters the notice and `recompute_open_due_dates` runs.
    missing = None
    try:
        due = clockfeed.due_date(events, calendar)
    except CalendarYearMissing as exc:
        due, missing = None, exc.year
    try:
        step_due_on = clockfeed.step_due(state, events, calendar)
    except CalendarYearMissing as exc:
        step_due_on, missing = None, missing or exc.year
    due_on = due.due if due else None
    closed_on, outcome = clockfeed.closing(events)
    is_open = state != State.CLOSED
    return {"state": state, "received_on": clockfeed.received_on(events), "due_on": due_on,
            "step_due_on": step_due_on, "closed_on": closed_on, "outcome": outcome, "is_open": is_open,
            "due_unknown_year": missing if is_open else None, "sort_due": due_on or NO_DUE}


def _recompute(request: Request, calendar=None) -> None:
    calendar = calendar or _calendar()
    events = list(request.events.order_by("day", "id"))
    fields = derived_fields(events, calendar)
    for name, value in fields.items():
        setattr(request, name, value)
    assignee = next((e.data["assignee"] for e in reversed(events) if e.kind == K.ASSIGNED), None)
    if assignee is not None:
        request.assignee_id = assignee
    Request.objects.filter(pk=request.pk).update(**fields, assignee=request.assignee_id)


def recompute_open_due_dates(*, actor) -> list[tuple[Request, date | None, date | None]]:
    """After an administrator enters a year's holiday notice: recompute every open request's due date.

    Returns the requests whose due date changed, with the old and the new date; each change is audited."""
    calendar = _calendar()
    changed = []
    for pk in Request.objects.filter(is_open=True).order_by("id").values_list("pk", flat=True):
        with transaction.atomic():
            request = Request.objects.select_for_update().select_related("agency").get(pk=pk)
            old, old_step, old_missing = request.due_on, request.step_due_on, request.due_unknown_year
            _recompute(request, calendar)
            if (old, old_step, old_missing) == (request.due_on, request.step_due_on, request.due_unknown_year):
                continue
            log_action("requests.due.recomputed", actor=actor, obj=request, agency=request.agency, data={
                "old_due": old.isoformat() if old else None,
                "new_due": request.due_on.isoformat() if request.due_on else None,
                "old_step_due": old_step.isoformat() if old_step else None,
                "new_step_due": request.step_due_on.isoformat() if request.step_due_on else None,
                "missing_year": request.due_unknown_year,
            })
            if old != request.due_on:
                changed.append((request, old, request.due_on))
    return changed


def _audit(request, event, actor) -> None:
    # The event is sealed: its digest goes into the chain, so `audit verify` notices it edited or deleted.
    log_action(f"requests.{event.kind.replace('_', '.')}", actor=actor, obj=request, seal=[event],
               data={"event": event.pk, "day": event.day.isoformat(), "state": request.state, **event.data})


def _issue_letter(request, *, kind, day, data, reason, correcting) -> Document | None:
    letter = LETTER_FOR.get(kind)
    if letter is None:
        return None
    return letters.issue(request, kind=letter, day=day, data=data, reason=reason, replaces=correcting)


def _after(request, event) -> None:
    """Side records a move keeps besides its event: the fee notice row (one in force per request)."""
    if event.kind in (K.FEE_NOTIFIED, K.FEE_CORRECTED):
        old = FeeNotice.objects.filter(request=request, superseded_on__isnull=True).first()
        if old is not None:  # only a correction gets here with one (the guard refuses a second notice)
            FeeNotice.objects.filter(pk=old.pk).update(superseded_on=event.day)
        FeeNotice.objects.create(request=request, method=event.data["method"], quantity=event.data["quantity"],
                                 amount_yuan=event.data["amount_yuan"], explanation=event.data["explanation"],
                                 notified_on=event.day, replaces=old)
    elif event.kind == K.FEE_PAID:
        FeeNotice.objects.filter(request=request, superseded_on__isnull=True, paid_on__isnull=True) \
            .update(paid_on=event.day)


# --- thin named wrappers ------------------------------------------------------------------------


def confirm_online_request(request, *, actor, day):
    return record_event(request, kind=K.CONFIRMED, actor=actor, day=day)


def request_supplement(request, *, actor, day, items: str, supplement_due: date):
    return record_event(request, kind=K.SUPPLEMENT_REQUESTED, actor=actor, day=day,
                        data={"items": items, "supplement_due": supplement_due})


def receive_supplement(request, *, actor, day, text: str = "", attachments: list | None = None, reason: str = ""):
    """条例 Art. 30: after the 补正 deadline only with the applicant's 正当理由, accepted by the head."""
    return record_event(request, kind=K.SUPPLEMENT_RECEIVED, actor=actor, day=day, reason=reason,
                        data={"text": text, "attachments": attachments or []})


def open_consultation(request, *, actor, day, party_kind: str, party_name: str, subject: str = ""):
    return record_event(request, kind=K.CONSULTATION_OPENED, actor=actor, day=day,
                        data={"party_kind": party_kind, "party_name": party_name, "subject": subject})


def record_consultation_answer(request, *, actor, day, consent: bool, reason: str = ""):
    return record_event(request, kind=K.CONSULTATION_ANSWERED, actor=actor, day=day, reason=reason,
                        data={"consent": consent})


def extend_deadline(request, *, actor, day, days: int, reason: str):
    return record_event(request, kind=K.EXTENDED, actor=actor, day=day, reason=reason, data={"days": days})


def notify_fee(request, *, actor, day, method: str, quantity: int | None = None):
    return record_event(request, kind=K.FEE_NOTIFIED, actor=actor, day=day,
                        data={"method": method, "quantity": quantity})


def correct_fee_notice(request, *, actor, day, method: str, reason: str, quantity: int | None = None):
    """109号: a wrong, unpaid fee notice is replaced by a corrected one (same method); payment runs from it."""
    return record_event(request, kind=K.FEE_CORRECTED, actor=actor, day=day, reason=reason,
                        data={"method": method, "quantity": quantity})


def record_fee_paid(request, *, actor, day, reason: str = ""):
    """109号: after the 20-working-day limit only with a 正当理由 accepted by the head."""
    return record_event(request, kind=K.FEE_PAID, actor=actor, day=day, reason=reason)


def withdraw_request(request, *, actor, day, reason: str = ""):
    return record_event(request, kind=K.WITHDRAWN, actor=actor, day=day, reason=reason)


def transfer_request(request, *, actor, day, competent_agency: str, contact: str = "", reason: str = ""):
    return record_event(request, kind=K.TRANSFERRED, actor=actor, day=day, reason=reason,
                        data={"competent_agency": competent_agency, "contact": contact})


def issue_reply(request, *, actor, day, outcome: str, reason: str = "", withheld: str = "", how: str = ""):
    return record_event(request, kind=K.REPLIED, actor=actor, day=day, reason=reason,
                        data={"outcome": outcome, "withheld": withheld, "how": how})


def record_delivery(request, *, actor, day, method: str):
    return record_event(request, kind=K.DELIVERED, actor=actor, day=day, data={"method": method})


def correct_reply(request, *, actor, day, reason: str, expect_letter: str = ""):
    old = request.documents.filter(kind=Document.Kind.REPLY).exclude(replaced_by__isnull=False).last()
    if old is None:
        raise DomainError("没有可更正的答复告知书")
    reply = last_event(list(request.events.order_by("day", "id")), K.REPLIED)
    return record_event(request, kind=K.CORRECTED, actor=actor, day=day, reason=reason,
                        data={**reply.data, "reason_text": reply.reason}, correcting=old,
                        expect_letter=expect_letter)


def close_lapsed(*, today: date) -> list[RequestEvent]:
    """runperiodic: close requests whose 补正 or payment deadline passed (条例 Art. 30; 109号)."""
    closed = []
    lapses = {State.AWAITING_SUPPLEMENT: K.SUPPLEMENT_LAPSED, State.AWAITING_FEE: K.FEE_LAPSED,
              State.CONSULTING: K.CONSULTATION_LAPSED}
    for request in Request.objects.filter(state__in=list(lapses), step_due_on__lt=today).order_by("id"):
        try:
            closed.append(record_event(request, kind=lapses[request.state], actor=SYSTEM_ACTOR, day=today))
        except DomainError as exc:  # e.g. today's year already has a published report: staff decide
            log.warning("%s：未能自动记录“%s”：%s", request.number, K(lapses[request.state]).label, exc.message)
    return closed


def available_actions(request: Request, user) -> list[str]:
    """The moves this user may make now: drives the buttons and is re-checked on POST."""
    roles = actor_roles(request, user)
    events = None
    out = []
    for kind in TRANSITIONS[request.state]:
        if not roles & ROLES[kind] or kind in (K.SUPPLEMENT_LAPSED, K.FEE_LAPSED, K.CONSULTATION_LAPSED):
            if not (roles & ROLES[kind] and request.step_due_on and request.step_due_on < _today()):
                continue
        if kind in (K.SUPPLEMENT_REQUESTED, K.EXTENDED, K.FEE_NOTIFIED):  # once per request
            events = events if events is not None else list(request.events.all())
            if any(e.kind == kind for e in events):
                continue
        if kind == K.CORRECTED and not request.documents.filter(kind=Document.Kind.REPLY).exists():
            continue
        out.append(kind)
    return out
