"""Reminder e-mails to assignees about requests due within 3 working days or overdue."""

from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail

from . import queries
from .models import OPEN_STATES, Request, State


def due_or_overdue(*, today, calendar):
    soon = queries.soon_limit(today, calendar)
    return (Request.objects.filter(state__in=OPEN_STATES, due_on__lte=soon).exclude(state=State.AWAITING_SUPPLEMENT)
            .select_related("assignee", "agency").order_by("due_on"))


def unknown_due(*, today=None):
    """Open requests whose due date cannot be computed: a holiday schedule is not entered yet."""
    return (Request.objects.filter(is_open=True, due_unknown_year__isnull=False)
            .select_related("assignee", "agency").order_by("due_unknown_year", "id"))


def send_reminders(*, today, calendar) -> int:
    """One e-mail per assignee with an e-mail address; returns the number of e-mails sent."""
    by_user = defaultdict(list)
    for r in list(due_or_overdue(today=today, calendar=calendar)) + list(unknown_due()):
        if r.assignee and r.assignee.email:
            by_user[r.assignee].append(r)
    for user, requests in by_user.items():
        lines = [_line(r, today) for r in requests]
        send_mail(f"依申请公开：{len(requests)}件申请即将到期、已逾期或期限无法计算", "\n".join(lines),
                  settings.DEFAULT_FROM_EMAIL, [user.email])
    return len(by_user)


def _line(r, today) -> str:
    if r.due_on is None:
        return f"{r.number}　{r.due_warning}"
    return f"{r.number}　答复期限 {r.due_on.isoformat()}{'（已逾期）' if r.due_on < today else ''}"
