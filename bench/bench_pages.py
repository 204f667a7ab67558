"""Benchmark: public pages under load from `gongkai serve` (gunicorn, 2 workers), beside a bare Django view.

A database with the demo data (`gongkai demo`; PostgreSQL when DATABASE_URL is set, else SQLite under
GONGKAI_VAR_DIR) is served by `gongkai serve --workers 2` with DEBUG off and the bare view mounted
(GONGKAI_BENCH_VIEW=1: a view returning "ok" through every middleware). A small asyncio client on the same
machine — wrk when it is installed (`apt install wrk`: a C client that leaves the CPU to the server), else a small
asyncio client — loads each page at concurrency 8 and then 64 (gunicorn's sync workers close each connection),
each page's run interleaved with a run of the bare view, as anonymous visitors: the page cache serves them after
the first request. Reported: requests per second, the share of the bare view's rate measured next to
it, p95 latency, and the workers' resident memory after the load. Results go to docs/benchmarks.md under
“## 公开页面”.

Usage (own database and cache, never the shared var/):
  GONGKAI_VAR_DIR=/tmp/gk_pages_bench .venv/bin/python bench/bench_pages.py [--seconds 5] [--write]
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/gk_pages_bench GONGKAI_VAR_DIR=/tmp/gk_pages_bench ...
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import time
import urllib.parse
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("GONGKAI_AUDIT_KEY", "bench-only")
os.environ.setdefault("GONGKAI_REQUEST_LOG_LEVEL", "WARNING")
os.environ["GONGKAI_BENCH_VIEW"] = "1"

import django  # noqa: E402

django.setup()

from benchdoc import write_section  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from gongkai.agencies.models import Agency  # noqa: E402
from gongkai.catalog.models import Item  # noqa: E402

SECTION = "## 公开页面"
HOST, PORT = "127.0.0.1", 8765
BARE = "/bench/ok"


def prepare() -> list[tuple[str, str]]:
    call_command("migrate", verbosity=0)
    if not Item.objects.public().exists():
        call_command("demo", verbosity=0)
    caches["pages"].clear()
    item = Item.objects.public().order_by("-published_at").first()
    agency = Agency.objects.filter(items__state="published").order_by("pk").first()
    return [
        ("/xxgk/（机关列表）", "/xxgk/"),
        ("信息页面", f"/xxgk/item/{item.pk}/"),
        ("公开目录（单个机关第1页）", f"/xxgk/{agency.pk}/catalog/"),
        ("搜索（财政）", "/xxgk/search?q=" + urllib.parse.quote("财政")),
        ("/ysqgk/ 申请表", "/ysqgk/"),
    ]


async def _one(path: str) -> tuple[int, float]:
    start = time.perf_counter()
    reader, writer = await asyncio.open_connection(HOST, PORT)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n".encode())
    await writer.drain()
    data = await reader.read()
    writer.close()
    status = int(data.split(b" ", 2)[1]) if data else 0
    return status, (time.perf_counter() - start) * 1000


async def _load(path: str, total: int, concurrency: int) -> tuple[float, float]:
    """Requests per second and p95 in ms of `total` GETs of `path`, `concurrency` at a time."""
    latencies: list[float] = []
    left = iter(range(total))

    async def worker():
        for _ in left:
            status, ms = await _one(path)
            assert status == 200, (path, status)
            latencies.append(ms)

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - start
    latencies.sort()
    return total / elapsed, latencies[int(len(latencies) * 0.95) - 1]


# wrk's summary at the end of a run: requests, duration (µs), p95 latency (µs), non-2xx and socket errors.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("GK %d %d %d %d %d\\n", summary.requests, summary.duration, latency:percentile(95),
                         e.status, e.connect + e.read + e.write + e.timeout))
end
"""
WRK = shutil.which("wrk")


def _wrk(path: str, seconds: float, concurrency: int) -> tuple[float, float]:
    script = Path(os.environ.get("TMPDIR", "/tmp")) / "gk_bench_pages.lua"
    script.write_text(WRK_SCRIPT)
    out = subprocess.run([WRK, "-t1", f"-c{concurrency}", f"-d{max(1, round(seconds))}s", "-s", str(script),
                          f"http://{HOST}:{PORT}{path}"], capture_output=True, text=True, check=True).stdout
    requests, duration, p95, bad_status, socket_errors = map(int, out.rsplit("GK ", 1)[1].split())
    assert bad_status == 0, (path, out)
    # A sync worker closes every connection; wrk counts a close mid-response as a read error. Few are normal.
    assert socket_errors <= requests * 0.01, (path, out)
    return requests / (duration / 1e6), p95 / 1000


def load(path: str, seconds: float, concurrency: int) -> tuple[float, float]:
    """Requests per second and p95 in ms of `seconds` of GETs of `path`, `concurrency` at a time."""
    if WRK:
        return _wrk(path, seconds, concurrency)
    return asyncio.run(_load(path, max(50, int(seconds * 100)), concurrency))


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    out.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return out


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def serve() -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    server = subprocess.Popen(
        [sys.executable, "-c", "from gongkai.cli import main; main()", "serve", "--bind", f"{HOST}:{PORT}",
         "--workers", "2", "--access-log", "/dev/null"], env=env, stdout=subprocess.DEVNULL)
    for _ in range(200):
        time.sleep(0.2)
        try:
            if asyncio.run(_load(BARE, 1, 1)):
                return server
        except (OSError, AssertionError):
            continue
    server.terminate()
    raise SystemExit("gongkai serve did not start")


def run(pages, seconds: float) -> tuple[list[tuple], list[float]]:
    server = serve()
    rows = []
    try:
        for _, path in pages:
            asyncio.run(_load(path, 5, 1))  # warm: the first request renders and stores the page
        for concurrency in (8, 64):
            for name, path in pages:
                bare_before, _ = load(BARE, seconds, concurrency)
                rps, p95 = load(path, seconds, concurrency)
                bare_after, _ = load(BARE, seconds, concurrency)
                bare = (bare_before + bare_after) / 2
                rows.append((name, concurrency, rps, rps / bare, p95, bare))
                print(f"c={concurrency:<3} {name:<24} {rps:7.0f} 次/秒  {rps / bare:5.0%} of bare {bare:6.0f}  "
                      f"p95 {p95:6.1f} ms")
        rss = [_rss_mb(pid) for pid in _children(server.pid)]
    finally:
        server.terminate()
        server.wait(timeout=30)
    print("worker RSS MB:", ", ".join(f"{r:.0f}" for r in rss))
    return rows, rss


def write(rows, rss, seconds: float, backend: str) -> None:
    day = f"{datetime.now():%Y-%m-%d}"
    memory = "/".join(f"{r:.0f}" for r in rss)
    lines = [f"| {day} | {backend} | {c} | {name} | {rps:.0f} | {share:.0%} | {bare:.0f} | {p95:.1f} | {memory} |"
             for name, c, rps, share, p95, bare in rows]
    header = ("`bench/bench_pages.py`：演示数据（`gongkai demo`），`gongkai serve`（gunicorn，2 个工作进程，"
              "DEBUG 关闭），"
              f"同机 {'wrk' if WRK else 'asyncio'} 客户端每项 {seconds:g} 秒，并发 8 与 64；匿名访问，页面缓存命中"
              "（首个请求渲染并存入缓存）。每页前后各测一次空视图（经全部中间件返回“ok”），“占空视图”为页面每秒请求数"
              "与两次空视图平均值之比。内存为负载后各工作进程的 RSS。机器：2 核。"
              "目标：缓存命中时每页不低于空视图的 50%，并发 64 时 p95 < 50 ms，工作进程 RSS < 200 MB。\n\n"
              "| 日期 | 数据库 | 并发 | 页面 | 每秒请求数 | 占空视图 | 空视图每秒请求数 | p95 (ms) "
              "| 工作进程 RSS (MB) |\n"
              "|---|---|---|---|---|---|---|---|---|\n")
    write_section(SECTION, header, lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=5, help="length of each run (each page, each bare run)")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    pages = prepare()
    backend = "PostgreSQL" if connection.vendor == "postgresql" else f"SQLite {connection.Database.sqlite_version}"
    connection.close()
    rows, rss = run(pages, args.seconds)
    if args.write:
        write(rows, rss, args.seconds, backend)


if __name__ == "__main__":
    main()
