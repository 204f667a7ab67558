"""Benchmark: public search and the catalogue list over N published items, next to a raw FTS query.

The items are bulk-inserted with pre-segmented `search_text` (the words of each title are dictionary words,
so no jieba run per row); the SQLite FTS5 triggers and the PostgreSQL GIN index are the real ones from the
migration. Results go to docs/benchmarks.md under “## 主动公开”.

Usage (own database, never the shared var/):
  GONGKAI_VAR_DIR=/tmp/gk_catalog_bench .venv/bin/python bench/bench_catalog.py --size 1000000 [--write]
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/gk_catalog_bench .venv/bin/python bench/bench_catalog.py ...
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")

import django  # noqa: E402
from benchdoc import write_section  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from gongkai.agencies.models import Agency, Kind, Level  # noqa: E402
from gongkai.catalog.models import Item, ItemState, Openness, Topic  # noqa: E402
from gongkai.catalog.queries import CatalogFilters, public_catalog  # noqa: E402
from gongkai.catalog.search import CANDIDATES, search_ids  # noqa: E402
from gongkai.catalog.search_sqlite import FTS_TABLE  # noqa: E402
from gongkai.catalog.search_terms import FACET_PREFIX, Filters, query_terms, segment  # noqa: E402

SECTION = "## 主动公开"
WORDS = ["宗朗乡", "关于", "印发", "年度", "工作", "实施方案", "通知", "衔接", "项目", "惠民", "政策", "乡村振兴",
         "农业", "补贴", "发放", "公示", "招标", "公告", "采购", "意向", "会议", "推进", "安全生产", "检查",
         "医疗保险", "参保", "教育", "资助", "道路", "建设", "饮水", "安全", "人居环境", "整治", "防汛", "应急",
         "演练", "民族团结", "走访", "低保", "救助", "就业", "培训", "合作社", "养殖", "种植"]
RARE = ["财政", "预算", "决算", "审计"]  # each in about 2% of items: a selective two-character query
QUERIES = ["财政", "预算", "衔接项目", "惠民政策", "乡村振兴", "低保", "招标公告", "安全生产检查"]
AGENCIES = 100


COLUMNS = ("agency_id", "index_number", "state", "title", "summary", "body", "publisher", "doc_number", "published_at",
           "topic", "genre", "openness", "doc_kind", "validity", "created_at", "withdrawn_reason", "search_text",
           "updated_at")


def _rows(agency_ids, have: int, size: int, sqlite: bool):
    """Rows as tuples: each pool word is segmented once (with its sub-words, as the index stores them)."""
    segmented = {w: segment(w) for w in WORDS + RARE}
    rng = random.Random(42 + have)
    start = datetime(2019, 1, 1, tzinfo=UTC)
    topics = [t for t, _ in Topic.choices]
    now = datetime.now(UTC)
    for n in range(have, size):
        words = rng.sample(WORDS, 6)
        if rng.random() < 0.02:
            words.insert(rng.randrange(6), rng.choice(RARE))
        published = start + timedelta(minutes=rng.randrange(60 * 24 * 365 * 7))
        stamps = (published, now)
        if sqlite:  # Django stores UTC text on SQLite
            stamps = tuple(d.strftime("%Y-%m-%d %H:%M:%S") for d in stamps)
        yield (agency_ids[n % AGENCIES], f"BENCH/{n:08d}", ItemState.PUBLISHED, "".join(words), "", "", "", "",
               stamps[0], rng.choice(topics), "other", Openness.PROACTIVE, "", "valid", stamps[1], "",
               " ".join(segmented[w] for w in words), stamps[0])


def populate(size: int) -> None:
    """Bulk load: executemany in 50,000-row transactions on SQLite, COPY on PostgreSQL; triggers/GIN are live."""
    have = Item.objects.count()
    if have >= size:
        return
    agencies = list(Agency.objects.filter(name__startswith="基准乡").order_by("pk"))
    for i in range(len(agencies), AGENCIES):
        agencies.append(Agency.objects.create(name=f"基准乡{i}人民政府", short_name=f"基准{i}",
                                              level=Level.TOWNSHIP, kind=Kind.GOVERNMENT))
    ids = [a.pk for a in agencies]
    t0 = time.perf_counter()
    cols = ", ".join(COLUMNS)
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        with transaction.atomic(), connection.connection.cursor() as cursor:
            with cursor.copy(f"COPY catalog_item ({cols}) FROM STDIN") as copy:
                for n, row in enumerate(_rows(ids, have, size, sqlite=False), have + 1):
                    copy.write_row(row)
                    if n % 50_000 == 0:
                        print(f"\r  {n:,} 条 {time.perf_counter() - t0:.0f} s", end="", file=sys.stderr)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE catalog_item")
    else:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous = OFF")  # a throw-away bench database
        sql = f"INSERT INTO catalog_item ({cols}) VALUES ({', '.join(['%s'] * len(COLUMNS))})"
        rows = _rows(ids, have, size, sqlite=True)
        for done in range(have, size, 50_000):
            batch = list(itertools.islice(rows, 50_000))
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(sql, batch)
            print(f"\r  {done + len(batch):,} 条 {time.perf_counter() - t0:.0f} s", end="", file=sys.stderr)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"\n  插入 {size - have:,} 条用时 {time.perf_counter() - t0:.0f} s", file=sys.stderr)


def _match(q: str, agency=None) -> tuple[str, str]:
    """The query's words as search_ids cuts them (with the agency's facet word): an FTS5 MATCH of every word and
    the PostgreSQL plainto_tsquery text."""
    terms = query_terms(q)
    fts = " AND ".join('search_text : "' + t + '"' for t in terms)
    if agency:
        fts += f' AND facet : "{FACET_PREFIX}{agency.pk}"'
        terms.append(f"{FACET_PREFIX}{agency.pk}")
    return fts, " ".join(terms)


def raw_fts(q: str) -> list:
    """The bare index query for the same words, every hit ranked, top 20 (the textbook FTS query)."""
    fts, words = _match(q)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT id FROM catalog_item, plainto_tsquery('simple', %s) q WHERE search_vector @@ q "
                           "ORDER BY ts_rank(search_vector, q) DESC LIMIT 20", [words])
        else:
            cursor.execute(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s ORDER BY rank LIMIT 20", [fts])
        return cursor.fetchall()


def raw_bounded(q: str, agency=None) -> list:
    """The bare index query for the same words in the shape search_ids answers: the newest CANDIDATES + 1
    hits with their scores (PostgreSQL: the planner's own plan)."""
    fts, words = _match(q, agency)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT id, ts_rank(search_vector, q) FROM catalog_item, plainto_tsquery('simple', %s) q "
                           "WHERE search_vector @@ q ORDER BY id DESC LIMIT %s", [words, CANDIDATES + 1])
        else:
            cursor.execute(f"SELECT rowid, bm25({FTS_TABLE}, 1.0, 0.0) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "
                           "ORDER BY rowid DESC LIMIT %s", [fts, CANDIDATES + 1])
        return cursor.fetchall()


def timed(fn, args_list, repeat: int) -> tuple[float, float]:
    """p50 and p95 in ms, after one untimed pass (the first read of a cold page cache is not a search's cost)."""
    for args in args_list:
        fn(*args)
    samples = []
    for _ in range(repeat):
        for args in args_list:
            t = time.perf_counter()
            fn(*args)
            samples.append((time.perf_counter() - t) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def catalog_page(agency, year):
    qs = public_catalog(agency, CatalogFilters(year=year))
    qs.count()
    return list(qs[:20])


def run(size: int, repeat: int) -> list[tuple[str, float, float]]:
    populate(size)
    agencies = list(Agency.objects.filter(name__startswith="基准乡")[:5])
    single = [(q,) for q in QUERIES]
    per_agency = [(q, a) for q in QUERIES for a in agencies[:2]]
    rows = [
        ("原始 FTS 查询（同样的词，全部命中按相关度排序，前20条）", *timed(raw_fts, single, repeat)),
        (f"原始 FTS 查询（同样的词，最新{CANDIDATES + 1}条命中及得分）", *timed(raw_bounded, single, repeat)),
        ("站内搜索 search_ids（全平台，总数封顶1000）", *timed(lambda q: search_ids(q), single, repeat)),
        (f"原始 FTS 查询（同样的词+机关分面词，最新{CANDIDATES + 1}条命中及得分）",
         *timed(raw_bounded, per_agency, repeat)),
        ("站内搜索 search_ids（单个机关，总数封顶1000）",
         *timed(lambda q, a: search_ids(q, Filters(agency_id=a.pk)), per_agency, repeat)),
        ("公开目录第1页（单个机关，含总数）", *timed(catalog_page, [(a, None) for a in agencies], repeat)),
        ("公开目录第1页（单个机关+年份筛选）", *timed(catalog_page, [(a, 2024) for a in agencies], repeat)),
    ]
    return rows


def write(rows, size: int, backend: str) -> None:
    table = "\n".join(f"| {datetime.now():%Y-%m-%d} | {backend} | {size:,} | {name} | {p50:.1f} | {p95:.1f} |"
                      for name, p50, p95 in rows)
    header = ("`bench/bench_catalog.py`：公开信息 N 条（100个机关，已发布），jieba 分词后的 search_text"
              "（造数时从词表抽词，不逐条运行 jieba；SQLite executemany 每批 5 万条，PostgreSQL COPY）。"
              "SQLite 为 FTS5 unicode61 无内容表（只收已发布的主动公开信息，另有机关分面词），"
              "PostgreSQL 为存储的 tsvector 生成列 + GIN 索引。"
              "站内搜索只对最新的 1000 条命中按相关度（bm25 / ts_rank）排序，总数封顶显示“超过 1000 条”。"
              "目标：p95 < 50 ms，且不超过原始 FTS 查询的 2 倍。机器：2 核，与其他任务共用。\n\n"
              "| 日期 | 数据库 | 条数 | 查询 | p50 (ms) | p95 (ms) |\n|---|---|---|---|---|---|\n")
    write_section(SECTION, header, table.splitlines())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    rows = run(args.size, args.repeat)
    backend = "PostgreSQL" if connection.vendor == "postgresql" else f"SQLite {connection.Database.sqlite_version}"
    for name, p50, p95 in rows:
        print(f"{name:<40} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms")
    if args.write:
        write(rows, args.size, backend)


if __name__ == "__main__":
    main()
