"""The annual report is published only when it is true: after its year, after the head's sign-off, with no
checker error, no drafting prompt and no self-inspection claim that section 五 contradicts."""

from datetime import date

import pytest

from gongkai.agencies.models import Role
from gongkai.core.errors import DomainError, PermissionDenied
from gongkai.core.models import AuditEntry
from gongkai.reports.models import ReportState
from gongkai.reports.narrative import PLACEHOLDER
from gongkai.reports.services import report_data, review_report, save_sections, start_report, submit_report
from gongkai.reports.transitions import Action
from tests.factories import staff
from tests.reports.helpers import make_requests, request_row

pytestmark = pytest.mark.django_db

FILLED = "（一）存在问题：工作人员专业水平有待提高。\n（二）改进措施：加强业务培训。"


def _drafted(agency, people, year=2025, problems=FILLED):
    report = start_report(agency=agency, year=year, actor=people["clerk"])
    save_sections(report=report, actor=people["clerk"], overview=report.overview, problems=problems,
                  other=report.other)
    return report


def _through_final(report, people, today=date(2026, 1, 20)):
    submit_report(report=report, user=people["clerk"])
    for level in ("first", "second", "final"):
        report = review_report(report=report, user=people[level], action=Action.APPROVE, today=today)
    return report


def test_final_review_waits_for_the_heads_sign_off_which_publishes(team):
    agency, people = team
    report = _through_final(_drafted(agency, people), people)
    assert report.state == ReportState.SIGN_OFF and report.published_on is None
    with pytest.raises(PermissionDenied, match="负责人签发"):
        review_report(report=report, user=people["final"], action=Action.APPROVE, today=date(2026, 1, 20))
    report = review_report(report=report, user=people["head"], action=Action.APPROVE, today=date(2026, 1, 20))
    assert report.state == ReportState.PUBLISHED and report.published_on == date(2026, 1, 20)
    assert [s.level for s in report.review_steps.all()] == ["", "first", "second", "final", "sign_off"]


def test_the_head_may_send_it_back_with_a_comment(team):
    agency, people = team
    report = _through_final(_drafted(agency, people), people)
    report = review_report(report=report, user=people["head"], action=Action.REJECT, comment="第五部分需补充",
                           today=date(2026, 1, 20))
    assert report.state == ReportState.DRAFTING and report.frozen is None


@pytest.mark.parametrize("today", [date(2025, 11, 30), date(2025, 12, 31)])
def test_a_year_is_not_published_before_it_ends(team, today):
    agency, people = team
    report = _through_final(_drafted(agency, people), people, today=today)  # review before year end: allowed
    with pytest.raises(DomainError, match="统计期为2025年1月1日至12月31日，须于2026年1月1日起方可发布"):
        review_report(report=report, user=people["head"], action=Action.APPROVE, today=today)
    report.refresh_from_db()
    assert report.state == ReportState.SIGN_OFF and report.published_on is None
    published = review_report(report=report, user=people["head"], action=Action.APPROVE, today=date(2026, 1, 1))
    assert published.published_on == date(2026, 1, 1)


def test_a_drafting_prompt_left_in_the_text_blocks_publication(team):
    agency, people = team
    report = start_report(agency=agency, year=2025, actor=people["clerk"])
    assert PLACEHOLDER in report.problems  # the draft asks the clerk to write section 五
    report = _through_final(report, people)
    with pytest.raises(DomainError, match="未填写的模板提示“（请根据本年度工作实际填写。）”"):
        review_report(report=report, user=people["head"], action=Action.APPROVE, today=date(2026, 1, 20))
    report.refresh_from_db()
    assert report.state == ReportState.SIGN_OFF


def test_a_checker_error_blocks_publication(team):
    """Text that says no request came in beside a 表三 with two: the checker's narrative_mismatch."""
    agency, people = team
    make_requests([request_row(agency, received_on=date(2025, 3, 3), closed_on=date(2025, 3, 20), outcome="granted"),
                   request_row(agency, received_on=date(2025, 5, 3))])
    report = _drafted(agency, people)
    save_sections(report=report, actor=people["clerk"], problems=FILLED, other=report.other,
                  overview=report.overview + "\n本年度我乡未收到政府信息公开申请。")
    report = _through_final(report, people)
    expected = "报告未通过检查，不能发布：.*未收到政府信息公开申请.*表三“本年新收政府信息公开申请数量”为2件"
    with pytest.raises(DomainError, match=expected):
        review_report(report=report, user=people["head"], action=Action.APPROVE, today=date(2026, 1, 20))


def test_a_self_inspection_claim_that_section_five_contradicts_blocks_publication(team):
    agency, people = team
    report = _drafted(agency, people,
                      problems="（一）存在问题：栏目“通知公告”最近一次更新为2025-04-21，超过6个月未更新。\n"
                               "（二）改进措施：明确更新责任人。")
    report.refresh_from_db()
    save_sections(report=report, actor=people["clerk"], overview=report.overview + "\n经自查，发现的问题已逐项整改。",
                  problems=report.problems, other=report.other)
    report = _through_final(report, people)
    with pytest.raises(DomainError, match="已逐项整改.*通知公告"):
        review_report(report=report, user=people["head"], action=Action.APPROVE, today=date(2026, 1, 20))


def test_the_sentences_follow_the_frozen_tables_at_each_review_step_and_staff_words_stay(team):
    """The draft said 新收1件; two more requests came in before review: the text follows 表三 to the end."""
    agency, people = team
    make_requests([request_row(agency, received_on=date(2025, 3, 3), closed_on=date(2025, 3, 20), outcome="granted")])
    report = _drafted(agency, people)
    assert "2025年共新收政府信息公开申请1件，上年结转0件，办结1件" in report.overview
    heading = "（三）政府信息管理情况。"
    own_words = report.overview.replace(heading, heading + "乡党委会专题研究政务公开工作。")
    save_sections(report=report, actor=people["clerk"], overview=own_words, problems=FILLED, other=report.other)
    make_requests([request_row(agency, received_on=date(2025, 6, 3), closed_on=date(2025, 6, 20), outcome="partial"),
                   request_row(agency, received_on=date(2025, 12, 30))])
    submit_report(report=report, user=people["clerk"])
    report.refresh_from_db()
    assert ("2025年共新收政府信息公开申请3件，上年结转0件，办结2件，其中予以公开1件，部分公开1件；"
            "结转下年度继续办理1件") in report.overview
    assert "乡党委会专题研究政务公开工作。" in report.overview and report.problems == FILLED
    assert report_data(report).applications["new"]["total"] == 3  # the frozen 表三
    latest = report.versions.first()
    assert latest.author is None and latest.note == "按冻结数据更新数据语句"
    assert report.review_steps.get().version == latest

    make_requests([request_row(agency, received_on=date(2025, 7, 3), closed_on=date(2025, 7, 9), outcome="granted")])
    for level in ("first", "second", "final"):
        report = review_report(report=report, user=people[level], action=Action.APPROVE, today=date(2026, 1, 20))
    report = review_report(report=report, user=people["head"], action=Action.APPROVE, today=date(2026, 1, 20))
    published = report_data(report)
    assert published.applications["new"]["total"] == 4
    assert "2025年共新收政府信息公开申请4件，上年结转0件，办结3件，其中予以公开2件，部分公开1件" \
        in published.sections.overview


def test_every_step_is_in_the_audit_trail(team):
    agency, people = team
    report = _through_final(_drafted(agency, people), people)
    review_report(report=report, user=people["head"], action=Action.APPROVE, today=date(2026, 1, 20))
    actions = list(AuditEntry.objects.filter(object_id=str(report.pk)).values_list("action", "data"))
    names = [a for a, _ in actions]
    assert names.count("reports.review.approved") == 4 and names.count("reports.report.frozen") == 5
    assert {"reports.report.started", "reports.report.edited", "reports.report.submitted",
            "reports.report.published"} <= set(names)
    states = [d["state"] for a, d in actions if a == "reports.review.approved"]
    assert states == ["second_review", "final_review", "sign_off", "published"]


def test_the_person_who_wrote_the_text_still_may_not_review_it_after_the_platform_rewrote_a_sentence(team):
    agency, people = team
    writer = staff(agency, Role.CLERK, Role.REVIEWER_SECOND)
    make_requests([request_row(agency, received_on=date(2025, 3, 3))])
    report = start_report(agency=agency, year=2025, actor=people["clerk"])
    save_sections(report=report, actor=writer, overview=report.overview, problems=FILLED, other=report.other)
    make_requests([request_row(agency, received_on=date(2025, 4, 3))])
    submit_report(report=report, user=people["clerk"])
    report = review_report(report=report, user=people["first"], action=Action.APPROVE, today=date(2026, 1, 20))
    assert report.versions.first().author is None  # the platform's sentence refresh
    with pytest.raises(PermissionDenied):
        review_report(report=report, user=writer, action=Action.APPROVE, today=date(2026, 1, 20))
