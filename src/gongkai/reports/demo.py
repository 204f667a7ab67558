"""Demo reports of 宗朗乡: 2024 as published (the seed), 2025 drafted from the records, its prompts filled in by
the clerk, and published in January 2026 after 三审 and the head's sign-off, and 2026 started — so that, in the
demo's present (late 2026), the dashboard counts down to the 31 January 2027 deadline as a township would see it.
Both published reports pass the publication gates (guards.py): after their year, signed off, checker-clean."""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from .build import build_report
from .figures import enter_figures
from .models import FigureSource
from .narrative import PLACEHOLDER, draft_sections
from .services import review_report, save_sections, start_report, submit_report
from .transitions import Action

SEED_SECTIONS = Path(__file__).with_name("demo_zonglang_2024.json")


def _publish(ctx, agency, year: int, sections: dict, *, note: str, on: date):
    users = ctx.users
    report = start_report(agency=agency, year=year, actor=users["zl_jingban"])
    save_sections(report=report, actor=users["zl_jingban"], note=note, **sections)
    submit_report(report=report, user=users["zl_jingban"])
    for reviewer in ("zl_chushen", "zl_fushen", "zl_zhongshen", "zl_fuzeren"):
        report = review_report(report=report, user=users[reviewer], action=Action.APPROVE, today=on)
    return report


# What the clerk writes where the draft leaves a prompt (the checker refuses a report that still has one).
IMPROVEMENTS = ("一是对自查发现的长期未更新栏目逐一明确责任人和更新周期，每月核查一次；二是严格执行成文后20个工作日内"
                "公开的规定，由经办人在成文时登记、初审人跟踪发布；三是加强信息公开业务培训，提高工作人员专业水平。")
PROBLEMS_IF_NONE = "政府信息公开工作人员专业水平有待提高，主动公开内容的全面性、及时性还有欠缺。"


def _drafted_sections(agency, year: int) -> dict:
    drafted = draft_sections(agency, build_report(agency, year))
    problems = drafted.problems.replace("（一）存在问题：" + PLACEHOLDER, "（一）存在问题：" + PROBLEMS_IF_NONE)
    problems = problems.replace("（二）改进措施：" + PLACEHOLDER, "（二）改进措施：" + IMPROVEMENTS)
    return {"overview": drafted.overview, "problems": problems, "other": drafted.other}


def load(ctx):
    agency = ctx.agencies["zonglang"]
    _publish(ctx, agency, 2024, json.loads(SEED_SECTIONS.read_text(encoding="utf-8")),
             note="按已发布的2024年度报告录入", on=date(2025, 1, 20))
    enter_figures(agency=agency, year=2025, actor=ctx.users["zl_jingban"], licensing=6, penalty=2, coercion=0,
                  fees_10k_yuan=Decimal("0.1200"), source=FigureSource.MANUAL,
                  source_note="乡综合执法队、政务服务中心 2025 年台账")
    _publish(ctx, agency, 2025, _drafted_sections(agency, 2025), note="根据全年记录起草", on=date(2026, 1, 22))
    start_report(agency=agency, year=2026, actor=ctx.users["zl_jingban"])
    ctx.lines.append("年度报告：宗朗乡 2024 年度（已发布，2025年1月20日）、2025 年度（三审、负责人签发后发布，"
                     "2026年1月22日）、2026 年度（起草中）")
