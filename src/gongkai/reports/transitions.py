"""The report's 三审 as data: state → {action: next state}, and the role each reviewing state needs.

Same three levels and the same rules as catalog items' 三审 (gongkai.catalog.review): a level is passed by
a holder of its role who did not write or submit the report and has not already decided in this run.
"""

from enum import StrEnum

from gongkai.agencies.models import Role

from .models import ReportState, ReviewLevel


class Action(StrEnum):
    SUBMIT = "submit"
    APPROVE = "approve"
    REJECT = "reject"


ACTION_LABELS = {Action.SUBMIT: "提交审核", Action.APPROVE: "通过", Action.REJECT: "退回修改"}

TRANSITIONS: dict[str, dict[str, str]] = {
    ReportState.DRAFTING: {Action.SUBMIT: ReportState.FIRST_REVIEW},
    ReportState.FIRST_REVIEW: {Action.APPROVE: ReportState.SECOND_REVIEW, Action.REJECT: ReportState.DRAFTING},
    ReportState.SECOND_REVIEW: {Action.APPROVE: ReportState.FINAL_REVIEW, Action.REJECT: ReportState.DRAFTING},
    ReportState.FINAL_REVIEW: {Action.APPROVE: ReportState.PUBLISHED, Action.REJECT: ReportState.DRAFTING},
    ReportState.PUBLISHED: {},
}

LEVEL_OF_STATE = {
    ReportState.FIRST_REVIEW: ReviewLevel.FIRST,
    ReportState.SECOND_REVIEW: ReviewLevel.SECOND,
    ReportState.FINAL_REVIEW: ReviewLevel.FINAL,
}
LEVEL_ROLES = {
    ReviewLevel.FIRST: Role.REVIEWER_FIRST,
    ReviewLevel.SECOND: Role.REVIEWER_SECOND,
    ReviewLevel.FINAL: Role.REVIEWER_FINAL,
}
EDITABLE_STATES = frozenset({ReportState.DRAFTING})


def next_state(state: str, action: str) -> str | None:
    return TRANSITIONS.get(state, {}).get(action)
