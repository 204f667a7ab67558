"""`gongkai audit rechain --i-understand`: key an audit chain written before the chain was keyed.

Installs created before GONGKAI_AUDIT_KEY have rows hashed with plain SHA-256 over a timestamp text that did
not survive dumpdata (cut to milliseconds). Re-chaining first checks the old chain by the old rule (each row's
hash is its old hash, for any of the 1,000 microsecond values dumpdata may have cut, or its new one; each link
holds; the head agrees) and refuses when it does not hold, unless the operator accepts the breaks; then it rewrites
every row's link and hash under the key, seals the request events no audit row vouches for yet, and records
what it did, with the breaks it accepted, as a row of the new chain.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, transaction

from . import chain
from .audit import SEAL_KEY, SEALED, log_action
from .errors import DomainError
from .models import GENESIS_HASH, AuditEntry, AuditHead

SEALS_PER_ROW = 500


@dataclass
class Rechained:
    rows: int = 0
    sealed: int = 0
    broken: list[int] = field(default_factory=list)


def rechain(*, accept_breaks: bool = False, using: str = DEFAULT_DB_ALIAS) -> Rechained:
    result = Rechained()
    with transaction.atomic(using=using):
        head, _ = AuditHead.objects.using(using).select_for_update().get_or_create(pk=1)
        old_prev, new_prev, sealed = GENESIS_HASH, GENESIS_HASH, set()
        for entry in AuditEntry.objects.using(using).order_by("id").iterator(chunk_size=2000):
            result.rows += 1
            if entry.prev_hash != old_prev or not _held(entry):
                result.broken.append(entry.pk)
            old_link, old_prev = entry.prev_hash, entry.hash
            sealed.update((s["model"], int(s["id"])) for s in (entry.data or {}).get(SEAL_KEY, []))
            entry.prev_hash = new_prev
            new_hash = entry.compute_hash()
            if (old_link, old_prev) != (new_prev, new_hash):
                AuditEntry.objects.using(using).filter(pk=entry.pk).update(prev_hash=new_prev, hash=new_hash)
            new_prev = new_hash
        tail_ok = head.count == result.rows and head.last_hash == old_prev
        if result.broken or not tail_ok:
            if not accept_breaks:
                where = "、".join(f"第{pk}条" for pk in result.broken[:20]) or "链头"
                raise DomainError(f"原审计链有{len(result.broken) + (not tail_ok)}处不符（{where}）："
                                  "请先查明原因；确认接受后加 --accept-breaks 重新运行")
        AuditHead.objects.using(using).filter(pk=head.pk).update(
            last_hash=new_prev, count=result.rows, mac=chain.head_mac(result.rows, new_prev))
        log_action("audit.chain.rekeyed", actor="系统（审计链重建）", using=using, data={
            "rows": result.rows, "old_last_hash": old_prev, "broken": result.broken, "head_ok": tail_ok})
        result.sealed = _seal_unsealed(sealed, using)
    return result


def _held(entry) -> bool:
    """The row still hashes as written: by the keyed rule, the old rule, or the old rule before dumpdata cut
    its timestamp to milliseconds (an earlier move to PostgreSQL)."""
    if entry.hash == entry.compute_hash():
        return True
    return any(h == entry.hash for h in entry.legacy_hashes(lost_microseconds=True))


def _seal_unsealed(sealed: set, using: str) -> int:
    """One audit row per SEALS_PER_ROW rows of a sealed model that no audit row vouches for yet."""
    total = 0
    for label in SEALED:
        model = apps.get_model(label)
        key = model._meta.label_lower
        batch = []
        for row in model._base_manager.using(using).order_by("pk").iterator(chunk_size=2000):
            if (key, row.pk) not in sealed:
                batch.append(row)
            if len(batch) == SEALS_PER_ROW:
                total += _seal(batch, using)
                batch = []
        total += _seal(batch, using) if batch else 0
    return total


def _seal(rows: list, using: str) -> int:
    log_action("audit.rows.sealed", actor="系统（审计链重建）", using=using, seal=rows,
               data={"model": rows[0]._meta.label_lower, "count": len(rows)})
    return len(rows)
