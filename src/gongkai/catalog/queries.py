"""Reads: reviewer inboxes, sent-back drafts, the public catalogue, version differences."""

import difflib
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from gongkai.agencies.models import Membership

from .models import LEVEL_ROLES, VERSION_FIELDS, Attachment, Item, ItemVersion, Review, ReviewState, ReviewStep
from .review import LEVEL_OF_STATE
from .search_terms import plain_text


def items_for_agencies(agencies):
    return Item.objects.filter(agency__in=agencies).select_related("agency", "author")


def inbox_for(user):
    """Reviews waiting at a level the user holds, which the user neither wrote nor already decided."""
    condition = Q(pk__in=[])
    memberships = Membership.objects.filter(user=user).values_list("agency_id", "role")
    for state, level in LEVEL_OF_STATE.items():
        agency_ids = [a for a, role in memberships if role == LEVEL_ROLES[level]]
        if agency_ids:
            condition |= Q(state=state, item__agency_id__in=agency_ids)
    decided = ReviewStep.objects.filter(review=OuterRef("pk"), reviewer=user)
    return (Review.objects.filter(condition).exclude(submitted_by=user).exclude(version__author=user)
            .exclude(Exists(decided)).select_related("item", "item__agency", "submitted_by")
            .order_by("submitted_at"))


def sent_back_for(user):
    """The user's submissions returned by a reviewer and not yet resubmitted."""
    later = Review.objects.filter(item=OuterRef("item"), submitted_at__gt=OuterRef("submitted_at"))
    return (Review.objects.filter(submitted_by=user, state=ReviewState.REJECTED).exclude(Exists(later))
            .select_related("item").prefetch_related("steps"))


@dataclass(frozen=True)
class CatalogFilters:
    year: int | None = None
    topic: str = ""
    publisher: str = ""
    column_id: int | None = None
    art20_item: int | None = None


def public_catalog(agency, filters: CatalogFilters):
    items = Item.objects.public().filter(agency=agency)
    if filters.year:
        tz = timezone.get_current_timezone()
        items = items.filter(published_at__gte=datetime(filters.year, 1, 1, tzinfo=tz),
                             published_at__lt=datetime(filters.year + 1, 1, 1, tzinfo=tz))
    if filters.topic:
        items = items.filter(topic=filters.topic)
    if filters.publisher:
        items = items.filter(publisher=filters.publisher)
    if filters.column_id:
        items = items.filter(columns__id=filters.column_id)
    if filters.art20_item:
        items = items.filter(art20_item=filters.art20_item)
    return items.order_by("-published_at", "-id")


def _attached_at(number: int) -> Q:
    """Attachments that version `number` carries: added with it or earlier (or by import), not removed by then."""
    added = Q(added_in__isnull=True) | Q(added_in__number__lte=number)
    return added & (Q(removed_in__isnull=True) | Q(removed_in__number__gt=number))


def public_attachments(item):
    """The attachments of the approved version; a removal waiting in a draft leaves them here until approval."""
    live = item.live_version.number if item.live_version_id else 0
    return Attachment.objects.filter(item=item).filter(_attached_at(live)).order_by("id")


@dataclass(frozen=True)
class AttachmentChanges:
    added: list[Attachment]
    removed: list[Attachment]


def attachment_changes(old: ItemVersion | None, new: ItemVersion) -> AttachmentChanges:
    """Files the submitted version adds to or takes from the last approved one (for the reviewer's page)."""
    rows = Attachment.objects.filter(item_id=new.item_id).order_by("id")
    before = set(rows.filter(_attached_at(old.number if old else 0)).values_list("pk", flat=True))
    after = set(rows.filter(_attached_at(new.number)).values_list("pk", flat=True))
    return AttachmentChanges(added=list(rows.filter(pk__in=after - before)),
                             removed=list(rows.filter(pk__in=before - after)))


def publishers_for(agency) -> list[str]:
    # DISTINCT in the database, without the model's ordering: an agency's few publishers, not its every row.
    return sorted(Item.objects.public().filter(agency=agency).exclude(publisher="").order_by()
                  .values_list("publisher", flat=True).distinct())


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str

    @property
    def changed(self) -> bool:
        return self.old != self.new


def _display(version, field) -> str:
    if version is None:
        return ""
    value = getattr(version, field)
    getter = getattr(version, f"get_{field}_display", None)
    if getter and value not in (None, ""):
        return str(getter())
    if field == "body":
        return plain_text(value).strip()
    return "" if value is None else str(value)


def version_changes(old: ItemVersion | None, new: ItemVersion) -> list[FieldChange]:
    """Each content field of the submitted version next to the last approved one."""
    return [FieldChange(str(ItemVersion._meta.get_field(f).verbose_name), _display(old, f), _display(new, f))
            for f in VERSION_FIELDS]


def body_diff(old: ItemVersion | None, new: ItemVersion) -> list[tuple[str, str]]:
    """Line diff of the body text as (kind, line) with kind in {"same", "added", "removed"}."""
    before = _display(old, "body").splitlines() if old else []
    after = _display(new, "body").splitlines()
    rows = []
    for line in difflib.ndiff(before, after):
        tag, text = line[:1], line[2:]
        if tag == "?":
            continue
        rows.append(({"+": "added", "-": "removed"}.get(tag, "same"), text))
    return rows
