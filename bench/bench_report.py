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
from datetime import date, timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from gongkai.agencies.models import Agency, Kind, Level  # noqa: E402
from gongkai.disclosure_requests.models import Request, State  # noqa: E402
from gongkai.reports.build import applications_table, build_report, build_rollup  # noqa: E402
from gongkai.reports.queries import statuses_for  # noqa: E402
from gongkai.statute.identifiers import make_org_code, make_uscc  # noqa: E402
from gongkai.statute.outcomes import APPLICANT_KEYS, OUTCOME_KEYS  # noqa: E402

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


def populate(n_agencies: int, per_agency: int) -> None:
    if Agency.objects.filter(name="基准县人民政府").exists():
        return
    rng = random.Random(42)
    county = Agency.objects.create(name="基准县人民政府", short_name="基准县", level=Level.COUNTY, kind=Kind.GOVERNMENT)
    agencies = []
    for i in range(n_agencies):
        org = make_org_code(f"{80000000 + i:08d}")
        agencies.append(Agency.objects.create(name=f"基准县第{i}乡人民政府", short_name=f"基准{i}乡",
                                              level=Level.TOWNSHIP, kind=Kind.GOVERNMENT, parent=county,
                                              org_code=org, uscc=make_uscc("11653126" + org)))
    serial = 0
    for agency in agencies:
        rows = []
        for _ in range(per_agency):
            serial += 1
            received = date(2023, 1, 1) + timedelta(days=rng.randrange(365 * 3))
            closed = received + timedelta(days=rng.randrange(60)) if rng.random() < 0.95 else None
            rows.append(Request(
                agency=agency, number=f"B{serial}", channel="online", applicant_type=rng.choice(APPLICANT_KEYS),
                applicant_name="x", applicant_key=f"k{serial % 5000}", description="x", form_wanted="paper",
                delivery="post", submitted_on=received, received_on=received,
                state=State.CLOSED if closed else State.PROCESSING, closed_on=closed,
                outcome=rng.choice(OUTCOME_KEYS) if closed else None))
        with transaction.atomic():
            Request.objects.bulk_create(rows, batch_size=2000)


def timed(fn, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--agencies", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=1000, help="requests per agency")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    t = time.perf_counter()
    populate(args.agencies, args.requests)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE disclosure_requests_request")
    load_s = time.perf_counter() - t
    agency = Agency.objects.get(name="基准县第500乡人民政府") if args.agencies > 500 else \
        Agency.objects.filter(name__startswith="基准县第").first()
    params = {"agency": agency.pk, "start": date(2025, 1, 1), "end": date(2025, 12, 31)}

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(RAW_SQL, params)
            return cursor.fetchall()

    build_ms = timed(lambda: build_report(agency, 2025), args.repeat)
    table3_ms = timed(lambda: applications_table([agency], 2025), args.repeat)
    raw_ms = timed(raw, args.repeat)
    county = Agency.objects.get(name="基准县人民政府")
    hundred = list(Agency.objects.filter(parent=county).order_by("pk")[:100])
    rollup_ms = timed(lambda: (statuses_for(hundred, 2025, date(2026, 1, 20)), build_rollup(hundred, 2025)),
                      args.repeat)
    total = Request.objects.count()
    print(f"database: {connection.vendor}; {args.agencies} agencies × {args.requests} requests = {total} rows "
          f"(load {load_s:.0f} s)")
    print(f"build_report(one agency, 2025): {build_ms:.1f} ms (median of {args.repeat}; all tables + 第二十条)")
    print(f"表三 through the ORM (applications_table): {table3_ms:.2f} ms")
    print(f"hand-written GROUP BY (表三 only): {raw_ms:.2f} ms; ratio 表三 {table3_ms / raw_ms:.2f}×, "
          f"whole report {build_ms / raw_ms:.2f}×")
    print(f"county roll-up, 100 agencies (statuses + summed 表三/表四/表二): {rollup_ms:.1f} ms")


if __name__ == "__main__":
    main()
