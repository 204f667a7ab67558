"""The staff home page panel: requests due soon or overdue in the user's agencies."""

from django.utils import timezone

from gongkai.workdays.calendar import get_calendar

from . import queries
from .models import OPEN_STATES, Request, State


def panel(request, agencies):
    if not agencies:
        return None
    qs = Request.objects.filter(agency__in=agencies)
    today = timezone.localdate()
    try:
        soon = queries.soon_limit(today, get_calendar())
    except Exception:  # noqa: BLE001 - an unknown calendar year must not break the home page
        soon = today
    counts = queries.due_counts(qs, today=today, soon=soon)
    open_qs = qs.filter(state__in=OPEN_STATES)
    urgent = open_qs.exclude(state=State.AWAITING_SUPPLEMENT).filter(due_on__lte=soon).order_by("due_on")[:5]
    unknown = list(open_qs.filter(due_unknown_year__isnull=False).order_by("due_unknown_year", "id")[:5])
    return {"title": "依申请公开", "template": "disclosure_requests/panel.html", "open": open_qs.count(),
            "unconfirmed": open_qs.filter(state=State.SUBMITTED).count(), "urgent": list(urgent), **counts,
            "unknown_due": open_qs.filter(due_unknown_year__isnull=False).count(), "unknown_due_list": unknown,
            "unknown_due_warning": unknown[0].due_warning if unknown else ""}
