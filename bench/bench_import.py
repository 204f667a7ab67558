"""Benchmark: importing a 台账 of 1,000 / 10,000 / 100,000 rows, and refusing a 100,000-row file with one bad row.

Run:  .venv/bin/python bench/bench_import.py [--sizes 1000,10000,100000] [--write]
      DATABASE_URL=postgres://postgres@127.0.0.1:5432/gk_import_bench .venv/bin/python bench/bench_import.py
Each import runs in its own process (`gongkai import ledger FILE --agency NAME`, as an operator would run it) on
a freshly migrated database (a temporary SQLite file unless DATABASE_URL is set; on PostgreSQL the named database
is created if missing and its tables dropped first); the child reports its wall time and peak RSS (ru_maxrss).
The files are made with openpyxl's write-only mode: a realistic mix of channels, applicant types, steps (补正,
征求意见, 延期, 收费) and outcomes, valid 身份证 and 统一社会信用代码 numbers. --write puts the results into
docs/benchmarks.md under “## 台账导入”.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
SECTION = "## 台账导入"
AGENCY = "基准乡人民政府"
HEADER = ["受理机关", "渠道", "提交日期", "收到日期", "申请人类型", "申请人姓名", "证件类型", "证件号码", "单位名称",
          "统一社会信用代码", "联系电话", "通信地址", "所需信息", "获取形式", "获取方式", "补正通知日期", "补正期限",
          "收到补正日期", "征求意见日期", "征求意见答复日期", "延期日期", "延长工作日数", "收费通知日期", "缴费日期",
          "办结日期", "办理结果"]
TYPES = ["自然人"] * 6 + ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
CHANNELS = ["当面提交", "当面提交", "邮寄（需签收）", "平常信函", "传真", "电子邮件", "网上申请"]
OUTCOMES = ["予以公开", "予以公开", "部分公开", "本机关不掌握相关政府信息", "信访举报投诉类申请", "其他"]


def _workdays(year_from=2020, year_to=2025):
    import chinese_calendar

    day, out = date(year_from, 1, 2), []
    while day.year <= year_to:
        if chinese_calendar.is_workday(day):
            out.append(day)
        day += timedelta(days=1)
    return out


def make_ledger(path: Path, rows: int, *, bad_row: int | None = None) -> None:
    from openpyxl import Workbook

    from gongkai.statute.identifiers import ID_CHECK, ID_WEIGHTS, make_org_code, make_uscc

    rng, days = random.Random(rows), _workdays()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("台账")
    ws.append(HEADER)
    for i in range(rows):
        n = rng.randrange(len(days) - 60)
        received, kind = days[n], TYPES[i % len(TYPES)]
        channel = CHANNELS[i % len(CHANNELS)]
        row = dict.fromkeys(HEADER)
        row.update({"受理机关": AGENCY, "渠道": channel, "收到日期": received, "申请人类型": kind,
                    "申请人姓名": f"申请人{i % 7919}", "联系电话": f"1399{rng.randrange(10**7):07d}",
                    "通信地址": "新疆喀什地区叶城县", "所需信息": f"{received.year - 1}年第{i}项补助资金发放名单",
                    "获取形式": "纸质", "获取方式": "邮寄"})
        if channel == "网上申请":
            row["提交日期"] = received - timedelta(days=1)
        if kind == "自然人":
            body = f"653126{date(1960, 1, 1) + timedelta(days=i % 15000):%Y%m%d}{i % 1000:03d}"
            check = ID_CHECK[sum(int(d) * w for d, w in zip(body, ID_WEIGHTS, strict=True)) % 11]
            row.update({"证件类型": "居民身份证", "证件号码": body + check})
        else:
            row.update({"单位名称": f"叶城县第{i % 500}合作社",
                        "统一社会信用代码": make_uscc("91653126" + make_org_code(f"{i % 10**8:08d}"))})
        story = i % 10
        if story == 1:  # 补正, then a reply
            row.update({"补正通知日期": days[n + 2], "补正期限": days[n + 12], "收到补正日期": days[n + 6]})
        elif story == 2:  # 逾期不补正
            row.update({"补正通知日期": days[n + 2], "补正期限": days[n + 12], "办结日期": days[n + 13],
                        "办理结果": "逾期不补正"})
        elif story == 3:  # consultation and extension
            row.update({"征求意见日期": days[n + 3], "征求意见答复日期": days[n + 10], "延期日期": days[n + 15],
                        "延长工作日数": 10})
        elif story == 4:  # fee paid
            row.update({"收费通知日期": days[n + 5], "缴费日期": days[n + 12]})
        elif story == 5:  # fee unpaid
            row.update({"收费通知日期": days[n + 5], "办结日期": days[n + 26], "办理结果": "逾期不缴费"})
        if story in (0, 1, 3, 4, 6, 7, 8) and i % 50:  # most are answered, one in fifty left open
            row.update({"办结日期": days[n + 30], "办理结果": OUTCOMES[i % len(OUTCOMES)]})
        if i + 2 == bad_row:
            row["证件类型"], row["证件号码"] = "居民身份证", "110105194912310021"  # wrong check digit
        ws.append([row[h] for h in HEADER])
    wb.save(path)


CHILD = r"""
import io, json, os, resource, sys, time
import django
django.setup()
from django.core.management import call_command
from gongkai.agencies.models import Agency, Kind, Level
from gongkai.disclosure_requests.models import Request
from gongkai.core.audit import verify_chain
county = Agency.objects.create(name="基准县人民政府", short_name="基准县", level=Level.COUNTY, kind=Kind.GOVERNMENT)
Agency.objects.create(name=sys.argv[2], short_name="基准乡", level=Level.TOWNSHIP, kind=Kind.GOVERNMENT, parent=county)
started = time.perf_counter()
problems = io.StringIO()
try:
    call_command("import", "ledger", sys.argv[1], agency=sys.argv[2], stdout=open(os.devnull, "w"), stderr=problems)
    refused = ""
except Exception as exc:
    refused = str(exc) + "\n" + problems.getvalue()  # the command lists each problem on stderr
seconds = time.perf_counter() - started
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
verified = verify_chain() == [] if Request.objects.count() <= 10000 else None
print(json.dumps({"seconds": seconds, "rss_mb": rss, "stored": Request.objects.count(), "refused": refused,
                  "verified": verified}))
"""


def fresh_database(env) -> dict:
    env = dict(env)
    if not env.get("DATABASE_URL"):
        env["GONGKAI_VAR_DIR"] = tempfile.mkdtemp(prefix="gk_bench_import_")
    else:
        import psycopg

        url = env["DATABASE_URL"]
        name = url.rsplit("/", 1)[1]
        admin = psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True)
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
        admin.close()
    subprocess.run([sys.executable, "-m", "gongkai.cli", "migrate", "-v0"], env=env, check=True)
    return env


def run_one(path: Path) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "gongkai.settings",
           "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    env = fresh_database(env)
    out = subprocess.run([sys.executable, "-c", CHILD, str(path), AGENCY], env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--no-bad", action="store_true", help="skip the 100,000-row file with one bad row")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    folder = Path(tempfile.mkdtemp(prefix="gk_bench_ledgers_"))
    cases = [(int(s), None) for s in args.sizes.split(",")]
    if not args.no_bad:
        cases.append((max(n for n, _ in cases), max(n for n, _ in cases) // 2))
    lines = []
    for rows, bad in cases:
        path = folder / f"ledger-{rows}{'-bad' if bad else ''}.xlsx"
        started = time.perf_counter()
        make_ledger(path, rows, bad_row=bad)
        made = time.perf_counter() - started
        result = run_one(path)
        what = f"{rows:,} 行，第{bad:,}行有错" if bad else f"{rows:,} 行"
        named = f"第{bad}行" in result["refused"] if bad else None
        print(f"{what}: {result['seconds']:.1f} s, peak RSS {result['rss_mb']:.0f} MB, stored {result['stored']}, "
              f"file {path.stat().st_size / 1e6:.1f} MB (made in {made:.0f} s), verified {result['verified']}"
              + (f", refused naming the row: {named}" if bad else ""), flush=True)
        outcome = (f"拒绝，未存任何记录，报告指出第{bad:,}行" if bad and named and result["stored"] == 0
                   else f"已导入 {result['stored']:,} 件")
        lines.append((what, f"{path.stat().st_size / 1e6:.1f}", f"{result['seconds']:.1f}",
                      f"{result['rss_mb']:.0f}", outcome))
    if args.write:
        from benchdoc import write_section

        db = os.environ.get("DATABASE_URL")
        backend = "PostgreSQL" if db else "SQLite"
        header = ("`bench/bench_import.py`：命令行 `gongkai import ledger FILE --agency NAME` 导入生成的台账"
                  "（渠道、申请人类型、补正/征求意见/延期/收费各环节与办理结果混合；身份证号、统一社会信用代码均有效），"
                  "每次在新建的数据库和单独的进程中运行，记录耗时与进程峰值内存（ru_maxrss）。"
                  "目标：10 万行 < 60 秒、峰值内存 < 500 MB；"
                  "10 万行中有 1 行错误时 < 30 秒拒绝、不存任何记录并指出行号。机器：2 核，与其他任务共用。\n\n"
                  "| 日期 | 数据库 | 台账 | 文件 (MB) | 耗时 (s) | 峰值内存 (MB) | 结果 |\n"
                  "|---|---|---|---|---|---|---|\n")
        today = date.today().isoformat()
        write_section(SECTION, header, [f"| {today} | {backend} | {' | '.join(line)} |" for line in lines])


if __name__ == "__main__":
    main()
