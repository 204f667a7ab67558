"""/healthz: what a load balancer and an operator need to know about this host, as JSON.

Database, cache and private storage are required (a failure answers 503, so the balancer takes the host out);
a working-day calendar that does not know next year is a warning (200): deadlines into that year are refused
with a message until an administrator enters the State Council's notice, but the site itself works.
"""

import time
import uuid

from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection
from django.utils import timezone


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return connection.vendor


def _cache() -> str:
    cache = caches["default"]
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", 10)
    if cache.get(key) != "1":
        raise RuntimeError("缓存写入后读不到")
    cache.delete(key)
    return type(cache).__name__


def _storage() -> str:
    private_storage = storages["private"]
    name = private_storage.save(f"healthz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        with private_storage.open(name) as handle:
            if handle.read() != b"ok":
                raise RuntimeError("私有存储写入后读不到")
    finally:
        private_storage.delete(name)
    return type(private_storage).__name__


def _calendar() -> str:
    from gongkai.workdays.calendar import get_calendar

    next_year = timezone.localdate().year + 1
    if not get_calendar().knows(next_year):
        raise LookupError(f"{next_year}年节假日安排尚未录入（管理后台 → 工作日历）")
    return f"{next_year}年已录入"


REQUIRED = {"database": _database, "cache": _cache, "storage": _storage}
ADVISORY = {"calendar": _calendar}


def run_checks() -> tuple[int, dict]:
    checks, healthy = {}, True
    for name, check in (*REQUIRED.items(), *ADVISORY.items()):
        started = time.perf_counter()
        try:
            detail, status = check(), "ok"
        except Exception as exc:  # noqa: BLE001 — any failure of a dependency is a finding, never a 500
            detail = f"{type(exc).__name__}: {exc}"
            status = "fail" if name in REQUIRED else "warn"
            healthy = healthy and name not in REQUIRED
        checks[name] = {"status": status, "detail": detail, "ms": round((time.perf_counter() - started) * 1000, 1)}
    overall = "ok" if all(c["status"] == "ok" for c in checks.values()) else ("warn" if healthy else "fail")
    return (200 if healthy else 503), {"status": overall, "checks": checks, "time": timezone.now().isoformat()}
