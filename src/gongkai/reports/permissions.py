"""Who may read and write which report: can_<verb>(user, obj)."""

from gongkai.agencies.permissions import can_view_agency, can_work_in


def can_view_report(user, agency) -> bool:
    return can_view_agency(user, agency)


def can_edit_report(user, agency) -> bool:
    return can_work_in(user, agency)
