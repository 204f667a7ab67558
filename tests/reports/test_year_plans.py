"""Section 五 (and the end of 一) plans the next year: “2025年，我乡将…” in the report on 2024 is no year mismatch."""

import pytest

from gongkai.reports.check import check_parsed
from gongkai.reports.parse import parse_text
from tests.reports.fixtures_check.build import text_report


def year_findings(**kwargs):
    report = check_parsed(parse_text(text_report(**kwargs)))
    return [f.message for f in report.findings if f.code == "year_mismatch"]


@pytest.mark.parametrize(
    "plan",
    [
        "2025年，我乡将进一步加强政府信息公开培训。",
        "2025年我乡计划完善政府信息公开目录。",
        "2025年度，本单位拟开展两次业务培训。",
        "2025年，我局要持续规范依申请公开办理流程。",
    ],
)
def test_plans_for_next_year_in_section_five_are_not_a_year_mismatch(plan):
    problems = f"一是工作人员业务水平有待提高。二是栏目更新不及时。{plan}"
    assert year_findings(problems=problems) == []


def test_a_plan_at_the_end_of_the_overview_is_not_a_year_mismatch():
    overview = "2024年，我乡收到政府信息公开申请10件，均已按期答复。2025年，我乡将继续做好公开工作。"
    assert year_findings(overview=overview) == []


def test_the_overview_telling_of_another_years_work_is_still_a_year_mismatch():
    overview = "2025年，我乡收到政府信息公开申请10件，均已按期答复。"
    found = year_findings(overview=overview)
    assert len(found) == 1 and "2025年" in found[0]


def test_section_five_telling_of_next_years_work_as_done_is_still_a_year_mismatch():
    problems = "2025年，我乡政府信息公开工作存在栏目更新不及时的问题。"
    found = year_findings(problems=problems)
    assert len(found) == 1 and "五、" in found[0]
