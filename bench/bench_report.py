"""Benchmark: one agency's annual report in a database of N agencies × M requests, next to a hand-written
SQL GROUP BY over the same table; and a county roll-up of 100 agencies (statuses + summed 表三).

Usage (own database, never the shared var/):
  GONGKAI_VAR_DIR=/tmp/gk_bench .venv/bin/python bench/bench_report.py --agencies 1000 --requests 1000
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/gk_reports_bench .venv/bin/python bench/bench_report.py ...
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from datetime import date, datetime, timedelta
from decimal import Decimal

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, models, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from gongkai.agencies.models import Agency, Kind, Level  # noqa: E402
from gongkai.appeals.models import Appeal  # noqa: E402
from gongkai.catalog.models import Item  # noqa: E402
from gongkai.disclosure_requests.models import Request, State  # noqa: E402
from gongkai.reports.build import applications_table, build_report, build_rollup  # noqa: E402
from gongkai.reports.models import ArticleTwentyFigures  # noqa: E402
from gongkai.reports.queries import statuses_for, yearly_series  # noqa: E402
from gongkai.statute.identifiers import make_org_code, make_uscc  # noqa: E402
from gongkai.statute.outcomes import APPLICANT_KEYS, OUTCOME_KEYS  # noqa: E402
from gongkai.statute.report import check_arithmetic  # noqa: E402

COVERING_INDEX = "bench_request_report_cover"
RAW_SQL = """
SELECT applicant_type, outcome,
       SUM(CASE WHEN received_on >= %(start)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN received_on < %(start)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN closed_on IS NOT NULL AND closed_on <= %(end)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN closed_on IS NULL OR closed_on > %(end)s THEN 1 ELSE 0 END)
FROM disclosure_requests_request
WHERE agency_id = %(agency)s AND received_on IS NOT NULL AND received_on <= %(end)s
  AND (closed_on IS NULL OR closed_on >= %(start)s)
GROUP BY applicant_type, outcome
"""


def fast_insert(model, varying: tuple[str, ...], rows) -> int:
    """Insert tuples of the `varying` fields' database values; every other column gets its default, prepared
    once. SQLite: executemany in one transaction; PostgreSQL: COPY. Returns the number of rows."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    by_name = {f.name: f for f in fields}
    stamp = timezone.make_aware(datetime(2026, 1, 5, 9, 0))
    const_fields = [f for f in fields if f.name not in varying]
    const = []
    for f in const_fields:
        value = stamp if isinstance(f, models.DateTimeField) and f.auto_now_add | f.auto_now else f.get_default()
        if value is None and not f.null and isinstance(f, models.CharField | models.TextField):
            value = ""
        const.append(f.get_db_prep_save(value, connection))
    columns = [f.column for f in const_fields] + [by_name[n].column for n in varying]
    const = tuple(const)
    table = model._meta.db_table
    count = 0
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
            with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(const + row)
                    count += 1
        else:
            sql = (f"INSERT INTO {table} ({', '.join(connection.ops.quote_name(c) for c in columns)}) "
                   f"VALUES ({', '.join(['%s'] * len(columns))})")
            batch = []
            for row in rows:
                batch.append(const + row)
                if len(batch) == 50_000:
                    cursor.executemany(sql, batch)
                    count += len(batch)
                    batch = []
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def request_rows(agency_ids: list[int], per_agency: int, rng: random.Random):
    """Requests received 2023–2025, 95 % closed within 60 days with a random outcome, in agency order."""
    day0 = date(2023, 1, 1)
    days = [(day0 + timedelta(days=d)).isoformat() for d in range(365 * 3 + 60)]
    serial = 0
    for agency_id in agency_ids:
        for _ in range(per_agency):
            serial += 1
            r = rng.randrange(365 * 3)
            closed = days[r + rng.randrange(60)] if rng.random() < 0.95 else None
            yield (agency_id, f"B{serial}", rng.choice(APPLICANT_KEYS), f"k{serial % 5000}", days[r], days[r],
                   State.CLOSED.value if closed else State.PROCESSING.value, closed,
                   rng.choice(OUTCOME_KEYS) if closed else None)


def appeal_rows(agency_ids: list[int], rng: random.Random):
    """Five 复议/诉讼 cases per agency, 2024–2025, a fifth still open."""
    kinds = ["review", "litigation_direct", "litigation_after_review"]
    for agency_id in agency_ids:
        for _ in range(5):
            filed = date(2024, 1, 1) + timedelta(days=rng.randrange(700))
            closed = filed + timedelta(days=rng.randrange(30, 120)) if rng.random() < 0.8 else None
            result = rng.choice(["upheld", "corrected", "other"]) if closed else "pending"
            yield (agency_id, rng.choice(kinds), "基准县人民政府", filed.isoformat(),
                   closed.isoformat() if closed else None, result)


def item_rows(agency_ids: list[int], rng: random.Random):
    """Ten published 规章/规范性文件 per agency, some repealed."""
    for agency_id in agency_ids:
        for i in range(10):
            written = date(2020, 1, 1) + timedelta(days=rng.randrange(365 * 6))
            invalid = written + timedelta(days=rng.randrange(200, 900)) if rng.random() < 0.3 else None
            yield (agency_id, "published", f"基准文件{i}", written.isoformat(), rng.choice(["regulation", "normative"]),
                   invalid.isoformat() if invalid else None)


def populate(n_agencies: int, per_agency: int) -> None:
    if Agency.objects.filter(name="基准县人民政府").exists():
        return
    rng = random.Random(42)
    county = Agency.objects.create(name="基准县人民政府", short_name="基准县", level=Level.COUNTY, kind=Kind.GOVERNMENT)
    with transaction.atomic():
        for i in range(n_agencies):
            org = make_org_code(f"{80000000 + i:08d}")
            Agency.objects.create(name=f"基准县第{i}乡人民政府", short_name=f"基准{i}乡", level=Level.TOWNSHIP,
                                  kind=Kind.GOVERNMENT, parent=county, org_code=org, uscc=make_uscc("11653126" + org))
    ids = list(Agency.objects.filter(parent=county).order_by("pk").values_list("pk", flat=True))
    fast_insert(Request, ("agency", "number", "applicant_type", "applicant_key", "submitted_on", "received_on",
                          "state", "closed_on", "outcome"), request_rows(ids, per_agency, rng))
    fast_insert(Appeal, ("agency", "kind", "body", "filed_on", "closed_on", "result"), appeal_rows(ids, rng))
    fast_insert(Item, ("agency", "state", "title", "written_on", "doc_kind", "invalid_on"), item_rows(ids, rng))
    ArticleTwentyFigures.objects.bulk_create(
        [ArticleTwentyFigures(agency_id=pk, year=2025, licensing=rng.randrange(100), penalty=rng.randrange(50),
                              coercion=rng.randrange(5), fees_10k_yuan=Decimal("1.25")) for pk in ids],
        batch_size=1000)


def pct(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
    return statistics.median(samples), samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]


def timed(fns: dict, repeat: int) -> dict[str, list[float]]:
    """Samples in ms of each function, run in turn (interleaved, so that load from the other processes on
    the machine hits them alike), after one warm-up round."""
    samples = {name: [] for name in fns}
    for i in range(repeat + 1):
        for name, fn in fns.items():
            t = time.perf_counter()
            fn()
            if i:
                samples[name].append((time.perf_counter() - t) * 1000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--agencies", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=1000, help="requests per agency")
    parser.add_argument("--repeat", type=int, default=51)
    parser.add_argument("--covering-index", action="store_true",
                        help=f"add {COVERING_INDEX} (else drop it) to measure what it would bring")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    t = time.perf_counter()
    populate(args.agencies, args.requests)
    with connection.cursor() as cursor:
        if args.covering_index:
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {COVERING_INDEX} ON disclosure_requests_request "
                           "(agency_id, received_on, closed_on, applicant_type, outcome)")
        else:
            cursor.execute(f"DROP INDEX IF EXISTS {COVERING_INDEX}")
        cursor.execute("ANALYZE")
    load_s = time.perf_counter() - t
    agency = Agency.objects.get(name="基准县第500乡人民政府") if args.agencies > 500 else \
        Agency.objects.filter(name__startswith="基准县第").first()
    params = {"agency": agency.pk, "start": date(2025, 1, 1), "end": date(2025, 12, 31)}

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(RAW_SQL, params)
            return cursor.fetchall()

    with CaptureQueriesContext(connection) as queries:
        report = build_report(agency, 2025)
    assert not check_arithmetic(report), "the benchmark report must pass the arithmetic checks"
    assert sum(len(r) for r in raw()) and report.applications["total"]["total"] > 0
    with CaptureQueriesContext(connection) as queries:
        build_report(agency, 2025)
    s = timed({"raw": raw, "build": lambda: build_report(agency, 2025),
               "orm": lambda: applications_table([agency], 2025)}, args.repeat)
    raw_ms, build_ms, table3_ms = pct(s["raw"]), pct(s["build"]), pct(s["orm"])
    pair_ratio = statistics.median(b / r for b, r in zip(s["build"], s["raw"], strict=True))
    county = Agency.objects.get(name="基准县人民政府")
    hundred = list(Agency.objects.filter(parent=county).order_by("pk")[:100])
    rollup_ms = pct(timed({"rollup": lambda: (statuses_for(hundred, 2025, date(2026, 1, 20)),
                                              build_rollup(hundred, 2025),
                                              yearly_series(hundred, list(range(2021, 2026))))},
                          max(5, args.repeat // 5))["rollup"])
    total = Request.objects.count()
    print(f"{date.today()} database: {connection.vendor}; {args.agencies} agencies × {args.requests} requests = "
          f"{total} rows (load {load_s:.0f} s); p50 / p95 over {args.repeat} runs; "
          f"covering index: {'yes' if args.covering_index else 'no'}")
    print(f"hand-written GROUP BY (表三 only, rows fetched, no Python): {raw_ms[0]:.2f} / {raw_ms[1]:.2f} ms")
    print(f"build_report(one agency, 2025) — 表二 documents + figures, 表三, 表四 in {len(queries)} statement(s), "
          f"tallied into a Report: {build_ms[0]:.2f} / {build_ms[1]:.2f} ms; "
          f"ratio of p50s {build_ms[0] / raw_ms[0]:.2f}×, "
          f"median of paired ratios {pair_ratio:.2f}×")
    print(f"表三 alone, generic ORM path (applications_table: queryset built and compiled per call): "
          f"{table3_ms[0]:.2f} / {table3_ms[1]:.2f} ms; ratio {table3_ms[0] / raw_ms[0]:.2f}×")
    print(f"county roll-up, 100 agencies (statuses + summed 表二/表三/表四 + 5-year chart series): "
          f"{rollup_ms[0]:.1f} / {rollup_ms[1]:.1f} ms")


if __name__ == "__main__":
    main()
