"""Who may do what in the catalog; the 三审 level rules are in review.py."""

from gongkai.agencies.models import Role
from gongkai.agencies.permissions import STAFF_ROLES, can_view_agency, has_role


def can_edit_items(user, agency) -> bool:
    """Drafts and submissions: any staff role of the agency (经办人 and above)."""
    return has_role(user, agency, *STAFF_ROLES)


def can_withdraw(user, agency) -> bool:
    """撤稿 takes a public item down: the final reviewer, the head or the administrator."""
    return has_role(user, agency, Role.REVIEWER_FINAL, Role.HEAD, Role.ADMIN)


def can_view_items(user, agency) -> bool:
    return can_view_agency(user, agency)


def can_reply_feedback(user, agency) -> bool:
    return has_role(user, agency, *STAFF_ROLES)
