from datetime import date

import pytest

from gongkai.agencies.models import Role
from gongkai.core.errors import DomainError, PermissionDenied
from gongkai.reports.models import ReportState
from gongkai.reports.services import (
    available_actions,
    differences,
    report_data,
    review_report,
    save_sections,
    start_report,
    submit_report,
)
from gongkai.reports.transitions import TRANSITIONS, Action
from tests.factories import staff
from tests.reports.helpers import make_requests, request_row

pytestmark = pytest.mark.django_db


def _publish(report, people, today=date(2026, 1, 20)):
    """三审 and the head's sign-off, after the clerk has written section 五 where the draft left prompts."""
    report.refresh_from_db()
    save_sections(report=report, actor=people["clerk"], overview=report.overview,
                  problems="（一）存在问题：无。\n（二）改进措施：加强培训。", other=report.other)
    submit_report(report=report, user=people["clerk"])
    for level in ("first", "second", "final", "head"):
        report = review_report(report=report, user=people[level], action=Action.APPROVE, today=today)
    return report


def test_a_new_report_starts_with_sections_drafted_from_the_records_as_version_one(team):
    agency, people = team
    report = start_report(agency=agency, year=2025, actor=people["clerk"])
    assert report.state == ReportState.DRAFTING
    assert report.versions.get().number == 1
    assert "（一）主动公开情况" in report.overview and "未收到政府信息公开申请" in report.overview
    assert "未收取信息处理费" in report.other


def test_every_edit_keeps_a_new_version(team):
    agency, people = team
    report = start_report(agency=agency, year=2025, actor=people["clerk"])
    save_sections(report=report, actor=people["clerk"], overview="新的总体情况", problems="问题", other="其他")
    report.refresh_from_db()
    assert report.overview == "新的总体情况"
    assert list(report.versions.values_list("number", flat=True)) == [2, 1]


def test_three_levels_of_review_and_the_heads_sign_off_publish_the_report_with_its_date(team):
    agency, people = team
    report = _publish(start_report(agency=agency, year=2025, actor=people["clerk"]), people)
    assert report.state == ReportState.PUBLISHED
    assert report.published_on == date(2026, 1, 20)
    assert report_data(report).published_on == date(2026, 1, 20)
    assert [s.decision for s in report.review_steps.all()] == ["submitted", "approved", "approved", "approved",
                                                               "approved"]


def test_a_reviewer_without_the_level_role_cannot_approve(team):
    agency, people = team
    report = start_report(agency=agency, year=2025, actor=people["clerk"])
    report = submit_report(report=report, user=people["clerk"])
    with pytest.raises(PermissionDenied, match="初审"):
        review_report(report=report, user=people["second"], action=Action.APPROVE)
    assert available_actions(report, people["second"]) == []
    assert available_actions(report, people["first"]) == [Action.APPROVE, Action.REJECT]


def test_the_submitter_cannot_review_their_own_report(team):
    agency, _ = team
    both = staff(agency, Role.CLERK, Role.REVIEWER_FIRST)
    report = start_report(agency=agency, year=2025, actor=both)
    submit_report(report=report, user=both)
    with pytest.raises(PermissionDenied):
        review_report(report=report, user=both, action=Action.APPROVE)


def test_rejection_needs_a_comment_and_returns_the_report_to_drafting(team):
    agency, people = team
    report = start_report(agency=agency, year=2025, actor=people["clerk"])
    submit_report(report=report, user=people["clerk"])
    with pytest.raises(DomainError, match="须填写意见"):
        review_report(report=report, user=people["first"], action=Action.REJECT)
    report = review_report(report=report, user=people["first"], action=Action.REJECT, comment="数据需核对")
    assert report.state == ReportState.DRAFTING


def test_a_report_in_review_or_published_cannot_be_edited(team):
    agency, people = team
    report = start_report(agency=agency, year=2025, actor=people["clerk"])
    submit_report(report=report, user=people["clerk"])
    with pytest.raises(DomainError, match="不能修改"):
        save_sections(report=report, actor=people["clerk"], overview="x", problems="", other="")


@pytest.mark.parametrize("state", list(TRANSITIONS))
@pytest.mark.parametrize("action", list(Action))
def test_transition_table_allows_exactly_its_moves(state, action):
    from gongkai.reports.transitions import next_state

    expected = TRANSITIONS[state].get(action)
    assert next_state(state, action) == expected


def test_published_figures_stay_frozen_and_a_later_edit_shows_as_a_difference(team):
    agency, people = team
    (req,) = make_requests([request_row(agency, applicant_type="business", received_on=date(2025, 3, 3),
                                        closed_on=date(2025, 3, 20), outcome="granted")])
    report = _publish(start_report(agency=agency, year=2025, actor=people["clerk"]), people)
    assert differences(report) == []
    req.outcome = "partial"
    req.save(update_fields=["outcome"])
    report.refresh_from_db()
    published = report_data(report).applications
    assert published["granted"]["business"] == 1 and published["partial"]["business"] == 0
    diffs = {where: (old, new) for where, old, new in differences(report)}
    assert diffs["表三 · 三、本年度办理结果 （一）予以公开 · 商业企业"] == (1, 0)
    partial = "表三 · 三、本年度办理结果 （二）部分公开（区分处理的，只计这一情形，不计其他情形） · 商业企业"
    assert diffs[partial] == (0, 1)


def test_publication_writes_the_audit_trail(team):
    from gongkai.core.models import AuditEntry

    agency, people = team
    _publish(start_report(agency=agency, year=2025, actor=people["clerk"]), people)
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"reports.report.started", "reports.report.submitted", "reports.review.approved",
            "reports.report.published"} <= actions


def test_published_report_becomes_a_catalog_item_in_the_annual_report_column(team):
    from gongkai.reports.sources import model_or_none

    Item = model_or_none("catalog.Item")
    if Item is None:
        pytest.skip("catalog app has no migration yet")
    agency, people = team
    report = _publish(start_report(agency=agency, year=2025, actor=people["clerk"]), people)
    item = Item.objects.get(pk=report.catalog_item_id)
    assert item.state == "published"
    assert item.title == f"{agency.name}2025年政府信息公开工作年度报告"
    assert list(item.columns.values_list("kind", flat=True)) == ["annual_report"]
