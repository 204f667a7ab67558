"""The checker flags what a report must not still say when it is published: a drafting prompt, and a
self-inspection claim that section 五 contradicts."""

from datetime import date

import pytest

from gongkai.reports.build import build_report
from gongkai.reports.check import check_parsed
from gongkai.reports.narrative import PLACEHOLDER, refresh_sections
from gongkai.reports.parse import parse_text
from gongkai.statute.report import Sections
from tests.reports.fixtures_check.build import text_report
from tests.reports.helpers import make_agency, make_requests, request_row

STALE = ("（一）存在问题：栏目“通知公告”（通知公告类（6个月内须更新））最近一次更新为2025-04-21，超过6个月未更新。\n"
         "（二）改进措施：明确责任人。")
CLAIM = "年度自查发现问题4项，已逐项整改。"


def findings(text, code):
    return [f for f in check_parsed(parse_text(text)).findings if f.code == code]


@pytest.mark.parametrize("prompt", [PLACEHOLDER, "（请填写改进措施）", "【请补充本年度工作亮点】"])
def test_a_drafting_prompt_left_in_the_text_is_an_error(prompt):
    found = findings(text_report(problems="（一）存在问题：无。\n（二）改进措施：" + prompt), "placeholder_left")
    assert [f.severity for f in found] == ["error"] and prompt in found[0].message
    assert found[0].where == "五、存在的主要问题及改进情况"
    assert findings(text_report(), "placeholder_left") == []
    assert findings(text_report(overview="（请见附件）群众可来电咨询。"), "placeholder_left") == []


def test_all_rectified_in_section_one_while_section_five_lists_stale_columns_is_an_error():
    found = findings(text_report(overview=CLAIM, problems=STALE), "selfcheck_contradiction")
    assert [f.severity for f in found] == ["error"]
    assert "已逐项整改" in found[0].message and "通知公告" in found[0].message
    # the same problem reported as fixed, or no claim of rectification: nothing to flag
    fixed = STALE.replace("未更新。", "未更新，已整改。")
    assert findings(text_report(overview=CLAIM, problems=fixed),
                    "selfcheck_contradiction") == []
    assert findings(text_report(overview="年度自查发现问题4项，具体见第五部分。", problems=STALE),
                    "selfcheck_contradiction") == []


@pytest.mark.django_db
def test_refreshing_the_sentences_takes_back_the_old_drafts_claim_and_its_numbers():
    """A draft started under the old wording: “已逐项整改” and “新收2件、上年结转3件” beside a 表三 of 4 and 0."""
    agency = make_agency()
    make_requests([request_row(agency, received_on=date(2025, m, 3)) for m in (2, 3, 4, 5)])
    old = Sections(
        overview="（二）依申请公开情况。2025年共新收政府信息公开申请2件，上年结转3件，办结0件；结转下年度继续办理5件。"
                 "未发生因政府信息公开引起的行政复议、行政诉讼。本乡高度重视依申请公开工作。\n"
                 "（五）监督保障情况。年度自查发现问题2项，已逐项整改。",
        problems=STALE, other="无。")
    fresh = refresh_sections(agency, build_report(agency, 2025), old)
    assert "2025年共新收政府信息公开申请4件，上年结转0件，办结0件；结转下年度继续办理4件。" in fresh.overview
    assert "本乡高度重视依申请公开工作。" in fresh.overview and "已逐项整改" not in fresh.overview
    assert fresh.problems == STALE and fresh.other == "无。"
