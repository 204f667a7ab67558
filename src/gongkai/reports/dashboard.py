"""Staff home panel: the countdown to the annual report that is due next (条例 Art. 49)."""

from django.utils import timezone

from gongkai.agencies.permissions import staff_agencies_for

from .queries import statuses_for


def year_to_show(statuses_last_year) -> int | None:
    """Last year's report while any of it is still unpublished; once all are out, this year's, due next."""
    if any(s.key != "published" for s in statuses_last_year):
        return None
    return statuses_last_year[0].year + 1 if statuses_last_year else None


def panel(request, agencies):
    today = timezone.localdate()
    own = list(staff_agencies_for(request.user))
    if not own:
        return None
    statuses = statuses_for(own, today.year - 1, today)
    next_year = year_to_show(statuses)
    if next_year is not None:
        statuses = statuses_for(own, next_year, today)
    year = statuses[0].year
    return {"title": f"{year}年度报告", "template": "reports/panel.html", "statuses": statuses}
