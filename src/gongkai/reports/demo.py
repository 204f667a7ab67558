"""Demo reports: 宗朗乡 2024 as published (the seed report, all-zero tables) and 2025 drafted from the records."""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from .figures import enter_figures
from .models import FigureSource
from .services import review_report, save_sections, start_report, submit_report
from .transitions import Action

SEED_SECTIONS = Path(__file__).with_name("demo_zonglang_2024.json")


def _publish_2024(ctx, agency):
    users = ctx.users
    report = start_report(agency=agency, year=2024, actor=users["zl_jingban"])
    save_sections(report=report, actor=users["zl_jingban"], note="按已发布的2024年度报告录入",
                  **json.loads(SEED_SECTIONS.read_text(encoding="utf-8")))
    submit_report(report=report, user=users["zl_jingban"])
    for reviewer in ("zl_chushen", "zl_fushen", "zl_zhongshen"):
        report = review_report(report=report, user=users[reviewer], action=Action.APPROVE, today=date(2025, 1, 20))
    return report


def load(ctx):
    agency = ctx.agencies["zonglang"]
    _publish_2024(ctx, agency)
    enter_figures(agency=agency, year=2025, actor=ctx.users["zl_jingban"], licensing=6, penalty=2, coercion=0,
                  fees_10k_yuan=Decimal("0.1200"), source=FigureSource.MANUAL,
                  source_note="乡综合执法队、政务服务中心 2025 年台账")
    start_report(agency=agency, year=2025, actor=ctx.users["zl_jingban"])
    ctx.lines.append("年度报告：宗朗乡 2024 年度（已发布，2025年1月20日）、2025 年度（起草中，含第二十条数据）")
