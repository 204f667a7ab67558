"""Writing and verifying the audit trail. Every service calls `log_action` inside its transaction.

The chain is keyed (chain.py): each row's hash is an HMAC of the previous hash and the row, and the one-row
head carries an HMAC of (count, last hash), so deleting the tail and rewinding the head is found too. Rows of
the models in SEALED (the request events every deadline is computed from) are sealed: the audit row written
in the same transaction records their digest, and `verify_chain` checks every such row against a seal.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, transaction
from django.utils import timezone

from . import chain
from .models import GENESIS_HASH, AuditEntry, AuditHead

SEALED = ("disclosure_requests.RequestEvent",)
SEAL_KEY = "_seals"


def _agency_id(obj, agency):
    if agency is not None:
        return agency.pk
    return getattr(obj, "agency_id", None)


def seal_of(row) -> dict:
    """What an audit row records of a sealed row: which one, and the digest of its content."""
    fields = chain.sealed_fields(row)
    return {"model": row._meta.label_lower, "id": row.pk, "fields": fields, "digest": chain.row_digest(row, fields)}


def log_action(action: str, *, actor=None, obj=None, agency=None, data: dict | None = None,
               seal=(), using: str = DEFAULT_DB_ALIAS) -> AuditEntry:
    """Append one row to the chain; joins the caller's transaction so the row and the change land together.

    `seal`: rows (e.g. the RequestEvent just appended) whose content this audit row vouches for."""
    data = dict(data or {})
    if seal:
        data[SEAL_KEY] = [seal_of(row) for row in seal]
    with transaction.atomic(using=using):
        head, _ = AuditHead.objects.using(using).select_for_update().get_or_create(pk=1)
        user = actor if getattr(actor, "is_authenticated", False) else None
        entry = AuditEntry(
            created_at=chain.floor_to_millisecond(timezone.now()),
            action=action,
            actor=user,
            actor_label=(user.get_full_name() or user.get_username()) if user else (str(actor or "系统")),
            agency_id=_agency_id(obj, agency),
            object_type=obj._meta.label_lower if obj is not None else "",
            object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
            object_repr=str(obj)[:300] if obj is not None else "",
            data=data,
            prev_hash=head.last_hash,
        )
        entry.hash = entry.compute_hash()
        entry.save(using=using)
        count = head.count + 1
        AuditHead.objects.using(using).filter(pk=head.pk).update(
            last_hash=entry.hash, count=count, mac=chain.head_mac(count, entry.hash))
    return entry


class ChainAppender:
    """The chain's end for a writer that appends many rows: the head locked once (the caller's transaction must
    be open), each row linked by its canonical text (AuditEntry.canonical), the head moved once by `close`."""

    def __init__(self, using: str = DEFAULT_DB_ALIAS):
        self.using = using
        self.head, _ = AuditHead.objects.using(using).select_for_update().get_or_create(pk=1)
        self.previous, self.count = self.head.last_hash, self.head.count

    def link(self, canonical: str) -> tuple[str, str]:
        """(prev_hash, hash) of the next row, whose canonical text is `canonical`."""
        previous = self.previous
        self.previous = chain.mac(previous + canonical)
        self.count += 1
        return previous, self.previous

    def close(self) -> None:
        AuditHead.objects.using(self.using).filter(pk=self.head.pk).update(
            last_hash=self.previous, count=self.count, mac=chain.head_mac(self.count, self.previous))


def append_entries(entries: list[AuditEntry], using: str = DEFAULT_DB_ALIAS, batch_size: int = 1000) -> None:
    """Append many rows at once (a bulk import): chained in list order exactly as `log_action` chains one, inserted
    with bulk_create, the head moved once. Joins the caller's transaction. Each entry needs everything but the
    hashes; `created_at` is floored to the millisecond here."""
    if not entries:
        return
    with transaction.atomic(using=using):
        appender = ChainAppender(using)
        for entry in entries:
            entry.created_at = chain.floor_to_millisecond(entry.created_at)
            entry.prev_hash, entry.hash = appender.link(entry.canonical())
        AuditEntry.objects.using(using).bulk_create(entries, batch_size=batch_size)
        appender.close()


@dataclass(frozen=True)
class Break:
    entry_id: int | None
    message: str


@dataclass(frozen=True)
class Checkpoint:
    """The chain's length and last hash, printed for the operator to keep outside the server."""

    count: int
    last_hash: str

    def __str__(self):
        return f"{self.count}:{self.last_hash}"

    @classmethod
    def parse(cls, text: str) -> "Checkpoint":
        count, sep, last_hash = text.strip().partition(":")
        if not sep or not (count.isascii() and count.isdigit()) or len(last_hash) != 64:
            raise ValueError(f"检查点“{text}”格式不正确，应为“条数:哈希”，如 120:3f5a…（64位）")
        return cls(int(count), last_hash.lower())


def checkpoint(using: str = DEFAULT_DB_ALIAS) -> Checkpoint:
    last = AuditEntry.objects.using(using).order_by("-id").values_list("hash", flat=True).first()
    return Checkpoint(AuditEntry.objects.using(using).count(), last or GENESIS_HASH)


def verify_chain(*, checkpoint: Checkpoint | None = None, using: str = DEFAULT_DB_ALIAS) -> list[Break]:
    """Every row whose hash or link no longer holds: an edited row, a deleted row, a cut-off tail, a sealed
    row (request event) edited, deleted or slipped in, a chain shorter than or diverging from `checkpoint`."""
    breaks: list[Break] = []
    seals: dict[tuple[str, int], tuple[str, int, list | None]] = {}
    expected_prev, count = GENESIS_HASH, 0
    for entry in AuditEntry.objects.using(using).order_by("id").iterator(chunk_size=2000):
        count += 1
        if entry.prev_hash != expected_prev:
            breaks.append(Break(entry.pk, f"第{entry.pk}条记录之前的记录被删除或改动（链接不符）"))
        if entry.compute_hash() != entry.hash:
            breaks.append(Break(entry.pk, f"第{entry.pk}条记录（{entry.action}）的内容已被改动（哈希不符）"))
        if checkpoint is not None and count == checkpoint.count and entry.hash != checkpoint.last_hash:
            breaks.append(Break(entry.pk, f"第{count}条记录与检查点不符：检查点之前的记录被改写"))
        for seal in (entry.data or {}).get(SEAL_KEY, []) if isinstance(entry.data, dict) else []:
            seals[(seal["model"], int(seal["id"]))] = (seal["digest"], entry.pk, seal.get("fields"))
        expected_prev = entry.hash
    breaks += _head_breaks(using, count, expected_prev)
    if checkpoint is not None and count < checkpoint.count:
        breaks.append(Break(None, f"审计链只有{count}条记录，少于检查点的{checkpoint.count}条：记录被删除"))
    breaks += _sealed_breaks(using, seals)
    return breaks


def _head_breaks(using: str, count: int, last_hash: str) -> list[Break]:
    head = AuditHead.objects.using(using).filter(pk=1).first()
    if head is None:
        return [Break(None, f"审计链头缺失，而链上有{count}条记录")] if count else []
    if head.count != count or head.last_hash != last_hash:
        return [Break(None, f"审计链头记录{head.count}条，实际{count}条：末尾的记录被删除或链头被改动")]
    if head.mac != chain.head_mac(head.count, head.last_hash):
        return [Break(None, f"审计链头（{head.count}条）的校验码不符：链头被改写（如删除末尾记录后回退）")]
    return []


def _sealed_breaks(using: str, seals: dict) -> list[Break]:
    breaks = []
    for label in SEALED:
        model = apps.get_model(label)
        name = model._meta.verbose_name
        key = model._meta.label_lower
        for row in model._base_manager.using(using).order_by("pk").iterator(chunk_size=2000):
            sealed = seals.pop((key, row.pk), None)
            if sealed is None:
                breaks.append(Break(None, f"{name}第{row.pk}条（{row}）没有对应的审计记录：可能是绕过系统插入的"))
            elif sealed[0] != chain.row_digest(row, sealed[2]):
                breaks.append(Break(sealed[1], f"{name}第{row.pk}条（{row}）已被改动（与第{sealed[1]}条审计记录不符）"))
        for (other, pk), (_digest, entry_id, _fields) in list(seals.items()):
            if other == key:
                breaks.append(Break(entry_id, f"{name}第{pk}条已被删除（第{entry_id}条审计记录记载了它）"))
                del seals[(other, pk)]
    return breaks
