"""The report's 三审 and the head's sign-off as data: state → {action: next state}, and the role each step needs.

Same three levels and the same rules as catalog items' 三审 (gongkai.catalog.review): a level is passed by
a holder of its role who did not write or submit the report and has not already decided in this run. After
终审 the agency's 负责人 signs the report off, and only that sign-off publishes it (guards.py says when it may).
A published report changes no more; a 更正 is a new report of the same year that supersedes it when published.
"""

from enum import StrEnum

from gongkai.agencies.models import Role

from .models import ReportState, ReviewLevel


class Action(StrEnum):
    SUBMIT = "submit"
    APPROVE = "approve"
    REJECT = "reject"


ACTION_LABELS = {Action.SUBMIT: "提交审核", Action.APPROVE: "通过", Action.REJECT: "退回修改"}
SIGN_OFF_LABEL = "签发并发布"

TRANSITIONS: dict[str, dict[str, str]] = {
    ReportState.DRAFTING: {Action.SUBMIT: ReportState.FIRST_REVIEW},
    ReportState.FIRST_REVIEW: {Action.APPROVE: ReportState.SECOND_REVIEW, Action.REJECT: ReportState.DRAFTING},
    ReportState.SECOND_REVIEW: {Action.APPROVE: ReportState.FINAL_REVIEW, Action.REJECT: ReportState.DRAFTING},
    ReportState.FINAL_REVIEW: {Action.APPROVE: ReportState.SIGN_OFF, Action.REJECT: ReportState.DRAFTING},
    ReportState.SIGN_OFF: {Action.APPROVE: ReportState.PUBLISHED, Action.REJECT: ReportState.DRAFTING},
    ReportState.PUBLISHED: {},
    ReportState.SUPERSEDED: {},
}

LEVEL_OF_STATE = {
    ReportState.FIRST_REVIEW: ReviewLevel.FIRST,
    ReportState.SECOND_REVIEW: ReviewLevel.SECOND,
    ReportState.FINAL_REVIEW: ReviewLevel.FINAL,
    ReportState.SIGN_OFF: ReviewLevel.SIGN_OFF,
}
LEVEL_ROLES = {
    ReviewLevel.FIRST: Role.REVIEWER_FIRST,
    ReviewLevel.SECOND: Role.REVIEWER_SECOND,
    ReviewLevel.FINAL: Role.REVIEWER_FINAL,
    ReviewLevel.SIGN_OFF: Role.HEAD,
}
EDITABLE_STATES = frozenset({ReportState.DRAFTING})


def next_state(state: str, action: str) -> str | None:
    return TRANSITIONS.get(state, {}).get(action)
