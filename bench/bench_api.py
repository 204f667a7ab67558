"""Benchmark: the open-data item list of the API beside the HTML catalogue page, over N published items.

Requests go through the whole Django stack in one process (middleware, URL routing, DRF, throttle counters in
the cache, JSON or template rendering) with the test client, one after another: “req/s” is what one worker
process serves, 1000 / mean ms. The items are bench_catalog.py's (100 agencies, bulk-inserted). Results go to
docs/benchmarks.md under “## 开放接口”.

Usage (own database, never the shared var/):
  GONGKAI_VAR_DIR=/tmp/gk_api_bench .venv/bin/python bench/bench_api.py --size 100000 [--write]
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/gk_api_bench .venv/bin/python bench/bench_api.py ...
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
# As in production: DEBUG off (no query log kept), request log lines not written for every call.
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("GONGKAI_AUDIT_KEY", "bench-only")
os.environ.setdefault("GONGKAI_REQUEST_LOG_LEVEL", "WARNING")

from bench_catalog import populate  # noqa: E402  (sets Django up)
from benchdoc import write_section  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from gongkai.agencies.models import Agency  # noqa: E402
from gongkai.catalog.models import Item  # noqa: E402

SECTION = "## 开放接口"


_clients = itertools.count()


def address() -> str:
    """Requests from 64 client addresses in turn: the per-address limit (counted in the cache) is paid on every
    call, as in production, and no address reaches it at the rates measured here."""
    n = next(_clients) % 64
    return f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"


def measure(client: Client, urls: list[str], repeat: int) -> tuple[float, float, float]:
    """p50 and p95 in ms and requests per second, after one untimed pass over the URLs."""
    for url in urls:
        assert client.get(url, REMOTE_ADDR=address()).status_code == 200, url
    samples = []
    for _ in range(repeat):
        for url in urls:
            remote = address()
            t = time.perf_counter()
            response = client.get(url, REMOTE_ADDR=remote)
            samples.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200, url
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1], 1000 / statistics.mean(samples)


def deep_cursor(client: Client, url: str, pages: int) -> str:
    for _ in range(pages):
        url = client.get(url, REMOTE_ADDR=address()).json()["next"] or url  # a small database has fewer pages
    return url


def run(size: int, repeat: int) -> list[tuple[str, float, float, float]]:
    populate(size)
    cache.clear()
    client = Client()
    agencies = list(Agency.objects.filter(name__startswith="基准乡").order_by("pk")[:5])
    items = list(Item.objects.public().order_by("-id").values_list("pk", flat=True)[:10])
    recent = Item.objects.public().order_by("-updated_at").values_list("updated_at", flat=True)[200]
    since = recent.isoformat().replace("+", "%2B")
    return [
        ("API 信息列表第1页（全平台，每页50条）", *measure(client, ["/api/v1/items/"], repeat * 5)),
        ("API 信息列表第1页（单个机关，每页20条）",
         *measure(client, [f"/api/v1/items/?agency={a.pk}&page_size=20" for a in agencies], repeat)),
        ("API 信息列表第11页（单个机关，游标翻页）",
         *measure(client, [deep_cursor(client, f"/api/v1/items/?agency={a.pk}&page_size=20", 10)
                           for a in agencies], repeat)),
        ("API 增量采集（updated_since，按更新时间，每页50条）",
         *measure(client, [f"/api/v1/items/?order=updated_at&updated_since={since}"], repeat * 5)),
        ("API 信息详情", *measure(client, [f"/api/v1/items/{pk}/" for pk in items], repeat)),
        ("HTML 公开目录第1页（单个机关，每页20条，含总数）",
         *measure(client, [f"/xxgk/{a.pk}/catalog/" for a in agencies], repeat)),
        ("HTML 公开目录第11页（单个机关）", *measure(client, [f"/xxgk/{a.pk}/catalog/?page=11" for a in agencies],
                                                repeat)),
    ]


def write(rows, size: int, backend: str) -> None:
    day = f"{datetime.now():%Y-%m-%d}"
    table = "\n".join(f"| {day} | {backend} | {size:,} | {name} | {p50:.1f} | {p95:.1f} | {rps:.0f} |"
                      for name, p50, p95, rps in rows)
    header = ("`bench/bench_api.py`：已发布的主动公开信息 N 条（100个机关，bench_catalog.py 造数），经完整的 Django "
              "处理链（中间件、路由、DRF、缓存中的限流计数、JSON 或模板渲染），测试客户端在同一进程内逐个请求；"
              "“每秒请求数”为单个工作进程的顺序吞吐（1000 / 平均毫秒）。机器：2 核，与其他任务共用；"
              "10 万条为 SQLite 与 PostgreSQL，100 万条为 PostgreSQL。\n\n"
              "| 日期 | 数据库 | 条数 | 请求 | p50 (ms) | p95 (ms) | 每秒请求数 |\n|---|---|---|---|---|---|---|\n")
    write_section(SECTION, header, table.splitlines())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    rows = run(args.size, args.repeat)
    backend = "PostgreSQL" if connection.vendor == "postgresql" else f"SQLite {connection.Database.sqlite_version}"
    for name, p50, p95, rps in rows:
        print(f"{name:<44} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  {rps:6.0f} 次/秒")
    if args.write:
        write(rows, args.size, backend)


if __name__ == "__main__":
    main()
