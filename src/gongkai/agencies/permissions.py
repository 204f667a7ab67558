"""Who may do what in which agency: `can_<verb>(user, obj)` functions, one place for the whole app."""

from django.db.models import Q

from .models import Agency, Membership, Role

STAFF_ROLES = {Role.CLERK, Role.REVIEWER_FIRST, Role.REVIEWER_SECOND, Role.REVIEWER_FINAL, Role.HEAD, Role.ADMIN}


def roles_in(user, agency) -> set[str]:
    """The roles the user holds in this agency itself (supervision of a parent is not a role here)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cache = user.__dict__.setdefault("_gongkai_roles", {})
    if agency.pk not in cache:
        cache[agency.pk] = set(Membership.objects.filter(user=user, agency=agency).values_list("role", flat=True))
    return cache[agency.pk]


def has_role(user, agency, *roles: str) -> bool:
    return bool(roles_in(user, agency) & set(roles))


def agencies_for(user):
    """Every agency the user may read: where they hold a staff role, and the subtree of a supervised one."""
    if not getattr(user, "is_authenticated", False):
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.all()
    memberships = Membership.objects.filter(user=user).select_related("agency")
    condition = Q(pk__in=[m.agency_id for m in memberships if m.role != Role.SUPERVISOR])
    for m in memberships:
        if m.role == Role.SUPERVISOR:
            condition |= Q(path__startswith=m.agency.path)
    return Agency.objects.filter(condition)


def staff_agencies_for(user):
    """The agencies where the user works (writes), not those merely supervised."""
    if not getattr(user, "is_authenticated", False):
        return Agency.objects.none()
    return Agency.objects.filter(memberships__user=user, memberships__role__in=STAFF_ROLES).distinct()


def can_view_agency(user, agency) -> bool:
    return user.is_superuser or agencies_for(user).filter(pk=agency.pk).exists()


def can_work_in(user, agency) -> bool:
    """Registers and handles records of the agency (经办人 and above)."""
    return user.is_superuser or has_role(user, agency, *STAFF_ROLES)


def can_approve_extension(user, agency) -> bool:
    """条例 Art. 33 ¶2: an extension needs the consent of the disclosure office's head."""
    return has_role(user, agency, Role.HEAD)


def can_manage_agency(user, agency) -> bool:
    return user.is_superuser or has_role(user, agency, Role.ADMIN)


def can_supervise(user, agency) -> bool:
    """上级监督: reads the whole subtree of an agency it supervises."""
    if user.is_superuser:
        return True
    return any(
        agency.path.startswith(m.agency.path)
        for m in Membership.objects.filter(user=user, role=Role.SUPERVISOR).select_related("agency")
    )


def can_use_checker(user) -> bool:
    """The annual-report checker is for supervising offices (政务公开办) and assessors they appoint."""
    return user.is_superuser or Membership.objects.filter(user=user, role=Role.SUPERVISOR).exists()
