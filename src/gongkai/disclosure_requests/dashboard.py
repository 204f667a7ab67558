"""The staff home page panel: requests overdue or due within 3 working days in the user's agencies, each with
its colour and the working days left (or overdue), counted on the working-day calendar."""

from django.utils import timezone

from gongkai.workdays.calendar import get_calendar

from . import queries
from .models import OPEN_STATES, Request, State

URGENT_SHOWN = 20


def panel(request, agencies):
    if not agencies:
        return None
    qs = Request.objects.filter(agency__in=agencies)
    today = timezone.localdate()
    calendar = get_calendar()
    try:
        soon = queries.soon_limit(today, calendar)
    except Exception:  # noqa: BLE001 - an unknown calendar year must not break the home page
        soon = today
    counts = queries.due_counts(qs, today=today, soon=soon)
    open_qs = qs.filter(state__in=OPEN_STATES)
    urgent = (open_qs.exclude(state=State.AWAITING_SUPPLEMENT).filter(due_on__lte=soon)
              .select_related("agency").order_by("due_on", "id")[:URGENT_SHOWN])
    unknown = list(open_qs.filter(due_unknown_year__isnull=False).order_by("due_unknown_year", "id")[:5])
    return {"title": "依申请公开", "template": "disclosure_requests/panel.html", "open": open_qs.count(),
            "unconfirmed": open_qs.filter(state=State.SUBMITTED).count(),
            "urgent": urgent_rows(urgent, today, calendar),
            **counts, "urgent_more": max(counts["overdue"] + counts["soon"] - URGENT_SHOWN, 0),
            "unknown_due": open_qs.filter(due_unknown_year__isnull=False).count(), "unknown_due_list": unknown,
            "unknown_due_warning": unknown[0].due_warning if unknown else ""}


def urgent_rows(requests, today, calendar) -> list[dict]:
    """Each request with its colour (red overdue, orange due soon) and the working days to or past its due date."""
    rows = []
    for r in requests:
        left = queries.workdays_left(r.due_on, today, calendar)
        if r.due_on < today:
            colour, text = "red", f"已逾期{-left}个工作日" if left else f"已逾期（{r.due_on:%m-%d}到期）"
        elif left == 0:
            colour, text = "orange", "今天到期"
        else:
            colour, text = "orange", f"还剩{left}个工作日"
        rows.append({"request": r, "colour": colour, "text": text})
    return rows
