"""Benchmark: the staff workbench list and the applicant's query page with 100,000 requests.

Run:  .venv/bin/python bench/bench_requests.py [--count 100000] [--write]
      DATABASE_URL=postgres://postgres@127.0.0.1:5432/gk_requests2_bench .venv/bin/python bench/bench_requests.py
Uses its own database (a temporary SQLite file unless DATABASE_URL is set; on PostgreSQL the named
database is created if missing and its tables are dropped first). --write puts the results into
docs/benchmarks.md under “## 依申请公开”.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SECTION = "## 依申请公开"
NOTE = ("说明：工作台按“答复期限升序、无期限者排后”排序。为让两种数据库都能直接按索引顺序取前 50 行，"
        "申请表维护两个派生列：sort_due（答复期限；无期限时为 9999-12-31）与 is_open（未办结），"
        "索引 (agency, is_open, sort_due, id) 服务默认的“未办结”列表，(agency, state, sort_due, id) 服务按状态筛选。"
        "本基准人为设了约 2 万件未办结（真实乡镇同时未办结的只有几件到几十件）。"
        "此前 SQLite 用 NULLS LAST 排序，不能用索引，默认工作台页为 183.9 ms。")


def setup(count):
    if not os.environ.get("DATABASE_URL"):
        os.environ["GONGKAI_VAR_DIR"] = tempfile.mkdtemp(prefix="gk_bench_requests_")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    from django.core.management import call_command

    if os.environ.get("DATABASE_URL"):
        _fresh_postgres()
    call_command("migrate", verbosity=0)
    return _fill(count)


def _fresh_postgres():
    import psycopg
    from django.db import connection

    params = connection.settings_dict
    admin = psycopg.connect(host=params["HOST"], port=params["PORT"] or 5432, user=params["USER"],
                            password=params["PASSWORD"] or None, dbname="postgres", autocommit=True)
    if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [params["NAME"]]).fetchone():
        admin.execute(f'CREATE DATABASE "{params["NAME"]}"')
    admin.close()
    with connection.cursor() as cur:
        cur.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")


def _fill(count):
    from django.contrib.auth import get_user_model

    from gongkai.agencies.models import Agency, Kind, Level, Membership, Role
    from gongkai.disclosure_requests.models import Request, State

    county = Agency.objects.create(name="基准县人民政府", short_name="基准县", level=Level.COUNTY, kind=Kind.GOVERNMENT)
    agency = Agency.objects.create(name="基准乡人民政府", short_name="基准乡", level=Level.TOWNSHIP,
                                   kind=Kind.GOVERNMENT, parent=county)
    clerk = get_user_model().objects.create_user(username="bench", password="bench-pass-1")
    Membership.objects.create(user=clerk, agency=agency, role=Role.CLERK)
    rng = random.Random(1)
    states = [State.CLOSED] * 8 + [State.PROCESSING, State.CONSULTING]
    batch = []
    for i in range(count):
        received = date(2016, 1, 1) + timedelta(days=i * 3650 // count)
        state = rng.choice(states)
        batch.append(Request(
            agency=agency, number=f"基准乡依申〔{received.year}〕第{i + 1}号", query_code_hash="-",
            channel="in_person", applicant_type="natural_person", applicant_name=f"申请人{i % 5000}",
            applicant_key=f"id:{i % 5000}", description=f"第{i}号申请：某年某项资金发放名单", form_wanted="paper",
            delivery="post", submitted_on=received, received_on=received, due_on=received + timedelta(days=28),
            sort_due=received + timedelta(days=28), is_open=state != State.CLOSED,
            state=state, closed_on=received + timedelta(days=20) if state == State.CLOSED else None,
            outcome="granted" if state == State.CLOSED else None))
        if len(batch) == 5000:
            Request.objects.bulk_create(batch)
            batch = []
    Request.objects.bulk_create(batch)
    from django.db import connection

    with connection.cursor() as cur:  # a live database has planner statistics; a fresh bulk load has none
        # PostgreSQL: VACUUM also sets the visibility map (autovacuum does on a live database), so counts can
        # be answered from the index alone.
        cur.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    from gongkai.disclosure_requests.query_codes import make_hash

    last = Request.objects.order_by("-id").first()
    last.query_code = "BENCH23456"  # only hashes are stored: the bench keeps the one code it queries with
    Request.objects.filter(pk=last.pk).update(query_code_hash=make_hash(last.query_code))
    return clerk, last


def _time(fn, runs):
    fn()  # warm up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        response = fn()
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(samples), max(samples)


def measure(clerk, last, runs):
    from django.test import Client
    from django.urls import reverse

    staff = Client()
    staff.force_login(clerk)
    applicant = Client()
    applicant.post(reverse("ysqgk:query"), {"number": last.number, "code": last.query_code})
    return {
        "参照：登录页（无业务查询，反映机器负载）": _time(lambda: Client().get(reverse("login")), runs),
        "工作台列表（第1页，按答复期限排序）": _time(lambda: staff.get(reverse("requests:workbench")), runs),
        "工作台列表（筛选：办理中、2024年）": _time(
            lambda: staff.get(reverse("requests:workbench"), {"state": "processing", "year": "2024"}), runs),
        "申请人查询页（编号+查询码）": _time(lambda: applicant.post(
            reverse("ysqgk:query"), {"number": last.number, "code": last.query_code}, follow=True), runs),
        "申请人办理状态页": _time(lambda: applicant.get(reverse("ysqgk:status")), runs),
    }


def write(results, count, engine):
    """Replace this engine's rows in the “依申请公开” section of docs/benchmarks.md; keep everything else."""
    path = ROOT / "docs" / "benchmarks.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# 基准测试\n"
    head = [SECTION, "", f"`bench/bench_requests.py`：{count:,} 件申请在同一乡镇（约两成未办结），"
            "Django 测试客户端在进程内计时（服务器时间，含查询与模板渲染），每项 20 次取中位数。目标：每项 < 100 ms。"
            "机器为多人共用的 2 核虚拟机（括号内为测量结束时的 1 分钟负载），"
            "请与“参照”行对照：它不查业务数据，其耗时全部来自机器负载与 Django 本身。", "",
            "| 数据库 | 页面 | 中位数 (ms) | 最大 (ms) |", "|---|---|---:|---:|"]
    rows = []
    if SECTION in text:
        start = text.index(SECTION)
        end = text.find("\n## ", start + len(SECTION))
        end = len(text) if end == -1 else end + 1
        rows = [line for line in text[start:end].splitlines() if line.startswith("| ") and not line.startswith(
            ("| 数据库", f"| {engine}"))]
        text = text[:start] + text[end:]
    label = f"{engine}（负载 {os.getloadavg()[0]:.1f}）"
    rows += [f"| {label} | {name} | {median:.1f} | {worst:.1f} |" for name, (median, worst) in results.items()]
    block = "\n".join(head + sorted(rows) + ["", NOTE]) + "\n"
    text = text.rstrip("\n") + "\n\n" + block
    path.write_text(text, encoding="utf-8")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    started = time.perf_counter()
    clerk, last = setup(args.count)
    print(f"填充 {args.count} 件申请用时 {time.perf_counter() - started:.1f} s")
    results = measure(clerk, last, args.runs)
    from django.db import connection

    engine = connection.vendor
    for name, (median, worst) in results.items():
        print(f"{name}: 中位数 {median:.1f} ms，最大 {worst:.1f} ms")
    if args.write:
        write(results, args.count, engine)


if __name__ == "__main__":
    main()
