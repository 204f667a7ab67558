"""The 主动公开 panel on the staff home page: waiting for me, sent back, stale columns, unanswered feedback."""

from django.utils import timezone

from . import queries
from .models import Feedback
from .selfcheck import column_counts


def panel(request, agencies) -> dict | None:
    if not agencies:
        return None
    today = timezone.localdate()
    counts = column_counts([a.pk for a in agencies], today)  # one GROUP BY, however many agencies
    stale = [{"agency": a, **counts[a.pk]} for a in agencies if a.pk in counts][:10]
    return {
        "title": "主动公开", "template": "catalog/dashboard_panel.html",
        "waiting": queries.inbox_for(request.user).count(), "sent_back": queries.sent_back_for(request.user).count(),
        "stale": stale,
        "feedback": Feedback.objects.filter(agency__in=agencies, replied_at__isnull=True).count(),
    }
