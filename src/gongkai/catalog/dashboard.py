"""The 主动公开 panel on the staff home page: waiting for me, sent back, stale columns and columns about to go
stale, unanswered feedback."""

from django.utils import timezone

from . import queries
from .models import Feedback
from .selfcheck import SOON_STALE_DAYS, column_counts, soon_stale_columns


def panel(request, agencies) -> dict | None:
    if not agencies:
        return None
    today = timezone.localdate()
    counts = column_counts([a.pk for a in agencies], today)  # one GROUP BY, however many agencies
    stale = [{"agency": a, **counts[a.pk]} for a in agencies if a.pk in counts][:10]
    soon = [{"agency": a, "soon": s} for a in agencies[:10] for s in soon_stale_columns(a, today)]
    return {
        "title": "主动公开", "template": "catalog/dashboard_panel.html",
        "waiting": queries.inbox_for(request.user).count(), "sent_back": queries.sent_back_for(request.user).count(),
        "stale": stale, "soon_stale": sorted(soon, key=lambda x: x["soon"].stale_on)[:10],
        "soon_stale_more": max(len(soon) - 10, 0), "soon_stale_days": SOON_STALE_DAYS,
        "feedback": Feedback.objects.filter(agency__in=agencies, replied_at__isnull=True).count(),
    }
