"""Reads: the workbench list, colour thresholds, applicant history, year-boundary counts."""

from datetime import date

import jieba
from django.db.models import Q
from django.db.models.functions import Substr

from gongkai.agencies.permissions import agencies_for
from gongkai.statute.clock import CalendarYearMissing, add_workdays, workdays_between

from .limits import HISTORY_REQUESTS, HISTORY_TEXT_CHARS
from .models import OPEN_STATES, Request

SOON_WORKDAYS = 3


def requests_for_user(user):
    """Every request of every agency the user may read (own agencies and supervised subtrees)."""
    ids = list(agencies_for(user).values_list("pk", flat=True))
    # One agency (the usual township clerk) as an equality, so the (agency, due_on) index gives the order.
    return Request.objects.filter(agency_id=ids[0]) if len(ids) == 1 else Request.objects.filter(agency_id__in=ids)


OPEN, ALL = "open", "all"


def workbench(qs, *, state=OPEN, year=None, channel="", assignee=None, applicant_type="", agency=None):
    """Sorted by due date, then by id. By default only open requests (the clerk's to-do list)."""
    if state == OPEN or not state:
        qs = qs.filter(is_open=True)  # an equality, so the (agency, is_open, sort_due, id) index gives the order
    elif state != ALL:
        qs = qs.filter(state=state)
    if year:
        qs = _in_year(qs, state, year)
    if channel:
        qs = qs.filter(channel=channel)
    if assignee:
        qs = qs.filter(assignee_id=assignee)
    if applicant_type:
        qs = qs.filter(applicant_type=applicant_type)
    if agency:
        qs = qs.filter(agency_id=agency)
    # Without a due date (补正 outstanding, calendar year not entered, closed before a clock started) a
    # request goes last: sort_due is 9999-12-31 then, a non-null key both backends read in index order.
    return qs.select_related("agency", "assignee").order_by("sort_due", "id")


def _in_year(qs, state, year):
    """The year of receipt (Art. 31); an unconfirmed online request counts by the day it was submitted."""
    received = Q(received_on__gte=date(year, 1, 1), received_on__lte=date(year, 12, 31))
    if state == "submitted":
        return qs.filter(submitted_on__year=year)
    if state not in (OPEN, ALL, ""):
        return qs.filter(received)  # every other state has a receipt date: one indexable range
    return qs.filter(received | Q(received_on__isnull=True, submitted_on__year=year))


def soon_limit(today: date, calendar) -> date:
    """The last day that counts as “due within 3 working days”."""
    try:
        return add_workdays(today, SOON_WORKDAYS, calendar)
    except CalendarYearMissing:  # late December before next year's notice: Monday–Friday is near enough to colour
        return add_workdays(today, SOON_WORKDAYS, _WeekdaysWhereUnknown(calendar))


class _WeekdaysWhereUnknown:
    def __init__(self, calendar):
        self.calendar = calendar

    def is_workday(self, day: date) -> bool:
        try:
            return self.calendar.is_workday(day)
        except CalendarYearMissing:
            return day.weekday() < 5


def workdays_left(due: date, today: date, calendar) -> int:
    """Working days from today to the due date: 0 when due today, negative (working days overdue) when past."""
    calendar = _WeekdaysWhereUnknown(calendar)
    if due >= today:
        return workdays_between(today, due, calendar)
    return -workdays_between(due, today, calendar)


def urgency(request: Request, *, today: date, soon: date) -> str:
    if not request.is_open or request.due_on is None or request.state == "awaiting_supplement":
        return ""
    if request.due_on < today:
        return "overdue"
    if request.due_on <= soon:
        return "due-soon"
    return ""


# An open request whose reply clock runs (not waiting for a 补正) and has a due date.
RUNNING = Q(state__in=[s for s in OPEN_STATES if s != "awaiting_supplement"], due_on__isnull=False)
DUE_FILTERS = {"overdue": "已逾期", "soon": "3个工作日内到期"}


def due_condition(due: str, *, today: date, soon: date) -> Q:
    """“overdue” (past its due date) or “soon” (due from today to the 3rd working day), as the counts count."""
    if due == "overdue":
        return RUNNING & Q(due_on__lt=today)
    return RUNNING & Q(due_on__gte=today, due_on__lte=soon)


def due_counts(qs, *, today: date, soon: date) -> dict:
    return {"overdue": qs.filter(due_condition("overdue", today=today, soon=soon)).count(),
            "soon": qs.filter(due_condition("soon", today=today, soon=soon)).count()}


# --- applicant history (Art. 35 volume, 36(六) duplicates) ----------------------------------------

_STOP = set("的了和与及或在对于是我请申请公开政府信息关于有关相关提供年月日号")


def tokens(text: str) -> set[str]:
    """jieba's cost grows with the text: only the head of a text is cut (a request is told by its start)."""
    return {t for t in jieba.lcut((text or "")[:HISTORY_TEXT_CHARS]) if len(t.strip()) > 1 and t not in _STOP}


def similar_requests(request: Request, *, threshold: float = 0.3, limit: int = 10, within=None
                     ) -> list[tuple[Request, float]]:
    """Earlier requests of the same applicant whose description shares most of its jieba tokens.

    Bounded whatever an applicant sent before the size limits: the HISTORY_REQUESTS most recent requests,
    each read only as its first HISTORY_TEXT_CHARS characters (cut by the database, as `history_text`)."""
    mine = tokens(request.description)
    earlier = ((within if within is not None else Request.objects).filter(applicant_key=request.applicant_key)
               .exclude(pk=request.pk).defer("description")
               .annotate(history_text=Substr("description", 1, HISTORY_TEXT_CHARS))
               .order_by("-id")[:HISTORY_REQUESTS])
    scored = []
    for other in earlier:
        theirs = tokens(other.history_text)
        if mine and theirs:
            score = len(mine & theirs) / len(mine | theirs)
            if score >= threshold:
                scored.append((other, round(score, 2)))
    return sorted(scored, key=lambda pair: -pair[1])[:limit]


MONTHLY_VOLUME_FLAG = 10  # 109号: from the 11th request of a month the applicant may be charged


def monthly_volume(request: Request) -> int:
    day = request.received_on or request.submitted_on
    return Request.objects.filter(applicant_key=request.applicant_key, agency=request.agency).filter(
        Q(received_on__year=day.year, received_on__month=day.month)
        | Q(received_on__isnull=True, submitted_on__year=day.year, submitted_on__month=day.month)
    ).count()


# --- the year boundary --------------------------------------------------------------------------


def carried_over(agency, year: int):
    """Requests received by 31 December of `year` and still open then: carried out of `year`, into `year + 1`."""
    end = date(year, 12, 31)
    return Request.objects.filter(agency=agency, received_on__lte=end).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=end))
