"""Writing and verifying the audit trail. Every service calls `log_action` inside its transaction."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from .models import GENESIS_HASH, AuditEntry, AuditHead


def _agency_id(obj, agency):
    if agency is not None:
        return agency.pk
    return getattr(obj, "agency_id", None)


def log_action(action: str, *, actor=None, obj=None, agency=None, data: dict | None = None) -> AuditEntry:
    """Append one row to the chain; joins the caller's transaction so the row and the change land together."""
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
        user = actor if getattr(actor, "is_authenticated", False) else None
        entry = AuditEntry(
            created_at=timezone.now(),
            action=action,
            actor=user,
            actor_label=(user.get_full_name() or user.get_username()) if user else (str(actor or "系统")),
            agency_id=_agency_id(obj, agency),
            object_type=obj._meta.label_lower if obj is not None else "",
            object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
            object_repr=str(obj)[:300] if obj is not None else "",
            data=data or {},
            prev_hash=head.last_hash,
        )
        entry.hash = entry.compute_hash()
        entry.save()
        AuditHead.objects.filter(pk=head.pk).update(last_hash=entry.hash, count=head.count + 1)
    return entry


@dataclass(frozen=True)
class Break:
    entry_id: int | None
    message: str


def verify_chain() -> list[Break]:
    """Every row whose hash or link no longer holds: an edited row, a deleted row, a cut-off tail."""
    breaks: list[Break] = []
    expected_prev, count = GENESIS_HASH, 0
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        count += 1
        if entry.prev_hash != expected_prev:
            breaks.append(Break(entry.pk, f"第{entry.pk}条记录之前的记录被删除或改动（链接不符）"))
        if entry.compute_hash() != entry.hash:
            breaks.append(Break(entry.pk, f"第{entry.pk}条记录（{entry.action}）的内容已被改动（哈希不符）"))
        expected_prev = entry.hash
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None and (head.count != count or head.last_hash != expected_prev):
        breaks.append(Break(None, f"审计链头记录{head.count}条，实际{count}条：末尾的记录被删除或链头被改动"))
    return breaks
