"""三审 as data: which action moves a review from which state to which, and who may take it."""

from enum import StrEnum

from gongkai.agencies.models import Role
from gongkai.agencies.permissions import has_role

from .models import LEVEL_ROLES, Level, Review, ReviewState


class Action(StrEnum):
    APPROVE = "approve"  # pass this level (at 终审: publish now)
    SCHEDULE = "schedule"  # 终审 passes with a publication time in the future
    REJECT = "reject"  # send back to the author
    CANCEL = "cancel"  # the author takes the submission back
    PUBLISH = "publish"  # the scheduler publishes a scheduled review (system only)


ACTION_LABELS = {
    Action.APPROVE: "通过", Action.SCHEDULE: "通过并定时发布", Action.REJECT: "退回修改",
    Action.CANCEL: "撤回提交", Action.PUBLISH: "发布",
}

# state → {action: next state}. Anything not listed is refused.
TRANSITIONS: dict[str, dict[str, str]] = {
    ReviewState.FIRST: {Action.APPROVE: ReviewState.SECOND, Action.REJECT: ReviewState.REJECTED,
                        Action.CANCEL: ReviewState.CANCELLED},
    ReviewState.SECOND: {Action.APPROVE: ReviewState.FINAL, Action.REJECT: ReviewState.REJECTED,
                         Action.CANCEL: ReviewState.CANCELLED},
    ReviewState.FINAL: {Action.APPROVE: ReviewState.PUBLISHED, Action.SCHEDULE: ReviewState.SCHEDULED,
                        Action.REJECT: ReviewState.REJECTED, Action.CANCEL: ReviewState.CANCELLED},
    ReviewState.SCHEDULED: {Action.PUBLISH: ReviewState.PUBLISHED, Action.CANCEL: ReviewState.CANCELLED},
    ReviewState.PUBLISHED: {},
    ReviewState.REJECTED: {},
    ReviewState.CANCELLED: {},
}

# The level a review waits at in each reviewing state.
LEVEL_OF_STATE = {ReviewState.FIRST: Level.FIRST, ReviewState.SECOND: Level.SECOND, ReviewState.FINAL: Level.FINAL}
REVIEWER_ACTIONS = (Action.APPROVE, Action.SCHEDULE, Action.REJECT)


def next_state(state: str, action: str) -> str | None:
    return TRANSITIONS.get(state, {}).get(action)


def may_review(review: Review, user) -> bool:
    """The level's role, not the author or submitter, and no earlier decision in this run of 三审."""
    level = LEVEL_OF_STATE.get(review.state)
    if level is None or not getattr(user, "is_authenticated", False):
        return False
    if user.pk in (review.submitted_by_id, review.version.author_id):
        return False
    if review.steps.filter(reviewer=user).exists():
        return False
    return has_role(user, review.item.agency, LEVEL_ROLES[level])


def may_cancel(review: Review, user) -> bool:
    return review.is_open and (
        user.pk == review.submitted_by_id or has_role(user, review.item.agency, Role.ADMIN)
    )


def available_actions(review: Review, user) -> list[str]:
    """The buttons the page shows, and the only actions a POST may take."""
    allowed = TRANSITIONS.get(review.state, {})
    actions = []
    if may_review(review, user):
        actions += [a for a in REVIEWER_ACTIONS if a in allowed]
    if Action.CANCEL in allowed and may_cancel(review, user):
        actions.append(Action.CANCEL)
    return actions
