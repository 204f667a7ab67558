"""Reads: reviewer inboxes, sent-back drafts, the public catalogue, version differences."""

import difflib
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from gongkai.agencies.models import Membership

from .models import (
    LEVEL_ROLES,
    VERSION_FIELDS,
    Attachment,
    Channel,
    Column,
    Decision,
    Item,
    ItemVersion,
    Review,
    ReviewState,
    ReviewStep,
)
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


# --- where a version goes out, and what changed since a send-back --------------------------------

LINK_LABELS = {"column_ids": "所属栏目", "channel_ids": "发布渠道"}


def destinations(*versions: ItemVersion | None) -> dict[int, dict[str, list[str]]]:
    """For each version (by pk): the names of the columns (栏目) and channels (渠道) it is to be published to.

    Two queries whatever the number of versions; an id whose row was deleted since is left out."""
    present = [v for v in versions if v is not None]
    column_ids = {i for v in present for i in v.column_ids or []}
    channel_ids = {i for v in present for i in v.channel_ids or []}
    columns = dict(Column.objects.filter(pk__in=column_ids).values_list("pk", "name")) if column_ids else {}
    channels = {c.pk: str(c) for c in Channel.objects.filter(pk__in=channel_ids)} if channel_ids else {}
    return {v.pk: {"column_ids": [columns[i] for i in v.column_ids or [] if i in columns],
                   "channel_ids": [channels[i] for i in v.channel_ids or [] if i in channels]} for v in present}


def destination_changes(old: ItemVersion | None, new: ItemVersion) -> list[FieldChange]:
    """所属栏目 and 发布渠道 of the submitted version next to the other one, as names joined with “、”."""
    names = destinations(old, new)
    empty = {"column_ids": [], "channel_ids": []}
    before = names.get(old.pk, empty) if old else empty
    return [FieldChange(label, "、".join(before[key]), "、".join(names[new.pk][key]))
            for key, label in LINK_LABELS.items()]


def sent_back_before(review: Review) -> Review | None:
    """The run of 三审 on the same item that a reviewer last sent back (退回) before this version was submitted.

    Submitted versions are never overwritten (services.save_draft makes a new one), so the sent-back review's own
    version is the exact text that was sent back."""
    return (Review.objects.filter(item_id=review.item_id, state=ReviewState.REJECTED,
                                  version__number__lt=review.version.number)
            .select_related("version").order_by("-version__number").first())


def inline_diff(old: str, new: str) -> SafeString:
    """Character-level difference, every piece escaped: deleted text in <del>, inserted text in <ins>."""
    parts = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(escape(old[i1:i2]))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(old[i1:i2])}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(new[j1:j2])}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece above went through escape()


@dataclass(frozen=True)
class Resubmission:
    """What the author changed after a send-back: the reviewer's words, and each changed field marked up."""

    sent_back: Review
    comments: list[str]
    fields: list[tuple[str, SafeString]]  # (label, inline diff) for changed non-body fields
    body: list[tuple[str, SafeString]]  # (kind, line) with kind in same/added/removed, lines marked up

    @property
    def body_changed(self) -> bool:
        return any(kind != "same" for kind, _ in self.body)

    @property
    def unchanged(self) -> bool:
        return not self.fields and not self.body_changed


def resubmission_changes(review: Review) -> Resubmission | None:
    """The differences between the version a reviewer sent back and this resubmitted one, or None."""
    previous = sent_back_before(review)
    if previous is None:
        return None
    old, new = previous.version, review.version
    changes = [c for c in version_changes(old, new) + destination_changes(old, new)
               if c.label != "正文" and c.changed]
    body = []
    for kind, line in body_diff(old, new):
        marked = escape(line)
        if kind == "added":
            marked = mark_safe(f"<ins>{marked}</ins>")  # noqa: S308 - escaped above
        elif kind == "removed":
            marked = mark_safe(f"<del>{marked}</del>")  # noqa: S308 - escaped above
        body.append((kind, marked))
    comments = list(previous.steps.filter(decision=Decision.REJECTED).values_list("comment", flat=True))
    return Resubmission(previous, comments, [(c.label, inline_diff(c.old, c.new)) for c in changes], body)
