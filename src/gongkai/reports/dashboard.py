"""Staff home panel: the countdown to last year's report deadline (条例 Art. 49) for the user's agencies."""

from django.utils import timezone

from gongkai.agencies.permissions import staff_agencies_for

from .queries import statuses_for


def panel(request, agencies):
    today = timezone.localdate()
    own = list(staff_agencies_for(request.user))
    if not own:
        return None
    statuses = statuses_for(own, today.year - 1, today)
    return {"title": f"{today.year - 1}年度报告", "template": "reports/panel.html", "statuses": statuses}
