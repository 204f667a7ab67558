"""The audit trail (append-only, hash-chained) and gapless per-scope counters."""

import hashlib
import json
import secrets

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from . import chain

GENESIS_HASH = "0" * 64


class AuditEntry(models.Model):
    """One state change: who did what to which object, with a hash over the previous row."""

    created_at = models.DateTimeField("时间", db_index=True)
    action = models.CharField("操作", max_length=100, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    actor_label = models.CharField("操作人名称", max_length=150, blank=True)
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )
    object_type = models.CharField("对象类型", max_length=100, blank=True)
    object_id = models.CharField("对象编号", max_length=64, blank=True, db_index=True)
    object_repr = models.CharField("对象", max_length=300, blank=True)
    data = models.JSONField("数据", default=dict, encoder=DjangoJSONEncoder)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = "审计记录"
        verbose_name_plural = "审计记录"
        ordering = ["id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    def canonical(self) -> str:
        """The fields the hash covers, in a form that survives dumpdata and the move to PostgreSQL (chain.py)."""
        return chain.canonical_json({
            "created_at": chain.canonical_time(self.created_at),
            "action": self.action,
            "actor": self.actor_id,
            "actor_label": self.actor_label,
            "agency": self.agency_id,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "object_repr": self.object_repr,
            "data": chain.as_stored(self.data),
        })

    def compute_hash(self) -> str:
        """HMAC under GONGKAI_AUDIT_KEY of the previous row's hash and this row's canonical text."""
        return chain.mac(self.prev_hash + self.canonical())

    def legacy_hashes(self, *, lost_microseconds: bool = False):
        """The unkeyed hash of installs made before the chain was keyed (read only by `audit rechain`).

        With `lost_microseconds`, every hash the row may have had before dumpdata cut its timestamp to
        milliseconds (1,000 candidates): a chain moved to PostgreSQL by an older version can still be checked."""
        marker = secrets.token_hex(16)
        payload = {
            "created_at": marker, "action": self.action, "actor": self.actor_id,
            "actor_label": self.actor_label, "agency": self.agency_id, "object_type": self.object_type,
            "object_id": self.object_id, "object_repr": self.object_repr,
            "data": json.loads(json.dumps(self.data, cls=DjangoJSONEncoder)),
        }
        left, right = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).split(marker)
        prefix = (self.prev_hash + left).encode()
        extra = range(1000) if lost_microseconds and self.created_at.microsecond % 1000 == 0 else range(1)
        for sub in extra:
            at = self.created_at.replace(microsecond=self.created_at.microsecond + sub).isoformat()
            yield hashlib.sha256(prefix + (at + right).encode()).hexdigest()

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("AuditEntry is append-only: rows are never updated")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("AuditEntry is append-only: rows are never deleted")


class AuditHead(models.Model):
    """A single row locked while appending, so that concurrent writers chain one after another."""

    last_hash = models.CharField(max_length=64, default=GENESIS_HASH)
    count = models.BigIntegerField(default=0)
    mac = models.CharField(max_length=64, blank=True, default="", help_text="HMAC of count and last hash")

    class Meta:
        verbose_name = "审计链头"
        verbose_name_plural = "审计链头"

    def __str__(self):
        return f"审计链：{self.count}条"


class Counter(models.Model):
    """The last number handed out in a scope (e.g. request numbers of one agency in one year)."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    scope = models.CharField(max_length=50)
    year = models.PositiveSmallIntegerField()
    value = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "编号计数器"
        verbose_name_plural = "编号计数器"
        constraints = [models.UniqueConstraint(fields=["agency", "scope", "year"], name="counter_unique_scope")]

    def __str__(self):
        return f"{self.scope} {self.year}: {self.value}"


class PeriodicRun(models.Model):
    """One row per periodic job and day: the host that inserts it runs the job, every other host skips it.

    Cron or a systemd timer may run the same job on several hosts of one installation; the unique row is the lock
    that keeps, for example, the morning's reminder e-mails from going out twice."""

    job = models.CharField("任务", max_length=50)
    day = models.DateField("日期")
    host = models.CharField("主机", max_length=255)
    started_at = models.DateTimeField("开始时间", auto_now_add=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = "定时任务运行记录"
        verbose_name_plural = "定时任务运行记录"
        constraints = [models.UniqueConstraint(fields=["job", "day"], name="periodic_run_once_a_day")]

    def __str__(self):
        return f"{self.job} {self.day} @ {self.host}"
