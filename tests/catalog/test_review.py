from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.catalog import services
from gongkai.catalog.models import Item, ItemState, Publication, Review, ReviewState
from gongkai.catalog.review import TRANSITIONS, Action, available_actions
from gongkai.core.errors import DomainError, PermissionDenied
from gongkai.core.models import AuditEntry
from tests.factories import staff


def test_item_walks_three_levels_and_gets_its_index_number(agency, make_item, walk, column, portal):
    item = make_item(column_ids=[column.pk], channel_ids=[portal.pk])
    review = walk(item)
    item.refresh_from_db()
    assert review.state == ReviewState.PUBLISHED
    assert item.state == ItemState.PUBLISHED
    year = timezone.localdate().year
    assert item.index_number == f"{agency.org_code}/{year}-00001"
    assert [s.get_level_display() for s in review.steps.all()] == ["初审", "复审", "终审"]
    assert list(item.columns.all()) == [column]
    assert Publication.objects.get(item=item).channel == portal


def test_index_numbers_are_consecutive_per_agency_and_year(agency, make_item, walk):
    items = [make_item(title=f"通知{n}") for n in range(3)]
    for item in items:
        walk(item)
    numbers = [Item.objects.get(pk=i.pk).index_number[-5:] for i in items]
    assert numbers == ["00001", "00002", "00003"]


def test_author_cannot_approve_own_item(agency, make_item, clerk):
    clerk_reviewer = staff(agency, Role.CLERK, Role.REVIEWER_FIRST)
    item = services.create_item(agency=agency, author=clerk_reviewer, data={"title": "自审的稿件"})
    review = services.submit_for_review(item=item, user=clerk_reviewer)
    assert available_actions(review, clerk_reviewer) == [Action.CANCEL]
    with pytest.raises(PermissionDenied):
        services.act_on_review(review=review, user=clerk_reviewer, action=Action.APPROVE)


def test_reviewer_cannot_approve_twice(agency, make_item, clerk):
    both = staff(agency, Role.REVIEWER_FIRST, Role.REVIEWER_SECOND)
    review = services.submit_for_review(item=make_item(), user=clerk)
    review = services.act_on_review(review=review, user=both, action=Action.APPROVE)
    assert review.state == ReviewState.SECOND
    assert available_actions(review, both) == []
    with pytest.raises(PermissionDenied):
        services.act_on_review(review=review, user=both, action=Action.APPROVE)


def test_each_level_needs_its_own_role(make_item, clerk, second):
    review = services.submit_for_review(item=make_item(), user=clerk)
    with pytest.raises(PermissionDenied):
        services.act_on_review(review=review, user=second, action=Action.APPROVE)


def test_rejection_needs_a_comment_and_returns_the_item_to_its_author(make_item, clerk, first):
    item = make_item()
    review = services.submit_for_review(item=item, user=clerk)
    with pytest.raises(DomainError):
        services.act_on_review(review=review, user=first, action=Action.REJECT)
    review = services.act_on_review(review=review, user=first, action=Action.REJECT, comment="文号有误")
    item.refresh_from_db()
    assert review.state == ReviewState.REJECTED and item.state == ItemState.DRAFT
    assert review.steps.get().comment == "文号有误"
    services.save_draft(item=item, author=clerk, data={"title": "2024年衔接项目实施方案（修订）"})
    assert services.submit_for_review(item=item, user=clerk).version.number == 2


def test_only_one_open_review_per_item_is_a_database_rule(make_item, clerk):
    item = make_item()
    review = services.submit_for_review(item=item, user=clerk)
    other = services.save_draft  # a second version cannot be saved while a review is open
    with pytest.raises(DomainError):
        other(item=item, author=clerk, data={"title": "改"})
    version2 = item.versions.create(number=2, author=clerk, title="改")
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(item=item, version=version2, submitted_by=clerk, submitted_at=review.submitted_at)


def test_editing_a_published_item_keeps_the_approved_version_public(make_item, walk, clerk, first):
    item = make_item(title="原标题", body="<p>原文</p>")
    walk(item)
    services.save_draft(item=item, author=clerk, data={"title": "新标题", "body": "<p>新文</p>"})
    review = services.submit_for_review(item=item, user=clerk)
    services.act_on_review(review=review, user=first, action=Action.APPROVE)
    item.refresh_from_db()
    assert (item.title, item.state) == ("原标题", ItemState.PUBLISHED)
    assert item.versions.count() == 2


def test_republication_after_edit_keeps_the_index_number_and_first_date(make_item, walk, clerk):
    item = make_item(title="原标题")
    walk(item)
    first = Item.objects.get(pk=item.pk)
    services.save_draft(item=item, author=clerk, data={"title": "新标题"})
    walk(item)
    item.refresh_from_db()
    assert item.title == "新标题"
    assert (item.index_number, item.published_at) == (first.index_number, first.published_at)


def test_final_reviewer_can_schedule_publication(make_item, clerk, first, second, final):
    item = make_item()
    review = services.submit_for_review(item=item, user=clerk)
    for reviewer in (first, second):
        review = services.act_on_review(review=review, user=reviewer, action=Action.APPROVE)
    when = timezone.now() + timedelta(hours=2)
    review = services.act_on_review(review=review, user=final, action=Action.SCHEDULE, publish_at=when)
    assert Item.objects.get(pk=item.pk).state == ItemState.SCHEDULED
    assert services.publish_scheduled(now=timezone.now()) == []
    assert len(services.publish_scheduled(now=when + timedelta(minutes=1))) == 1
    item.refresh_from_db()
    assert item.state == ItemState.PUBLISHED and item.published_at == when
    assert services.publish_scheduled(now=when + timedelta(minutes=2)) == []


def test_withdrawal_needs_a_reason_and_keeps_the_index_number(agency, make_item, walk, final, clerk):
    item = make_item()
    walk(item)
    with pytest.raises(PermissionDenied):
        services.withdraw_item(item=item, user=clerk, reason="错误")
    with pytest.raises(DomainError):
        services.withdraw_item(item=item, user=final, reason=" ")
    item = services.withdraw_item(item=item, user=final, reason="附件含个人信息")
    assert item.state == ItemState.WITHDRAWN and item.index_number
    assert not Item.objects.public().filter(pk=item.pk).exists()


def test_every_step_is_in_the_audit_trail(make_item, walk):
    item = make_item()
    walk(item)
    actions = list(AuditEntry.objects.filter(object_id=str(item.pk)).values_list("action", flat=True))
    assert actions == ["catalog.item.created", "catalog.review.submitted", "catalog.review.approve",
                       "catalog.review.approve", "catalog.item.published", "catalog.review.approve"]


ALL_PAIRS = [(state, action) for state in ReviewState for action in Action]


@pytest.mark.parametrize(("state", "action"), ALL_PAIRS)
def test_transition_table_is_enforced_for_every_state_and_action(state, action, agency, make_item, clerk):
    superuser_of_agency = staff(agency, Role.REVIEWER_FIRST, Role.REVIEWER_SECOND, Role.REVIEWER_FINAL, Role.ADMIN)
    review = services.submit_for_review(item=make_item(), user=clerk)
    Review.objects.filter(pk=review.pk).update(state=state)
    review.refresh_from_db()
    expected = TRANSITIONS[state].get(action)
    kwargs = {"comment": "意见"}
    if action == Action.SCHEDULE:
        kwargs["publish_at"] = timezone.now() + timedelta(days=1)
    if expected is None or action == Action.PUBLISH:  # publishing a scheduled review is the scheduler's
        with pytest.raises(DomainError):
            services.act_on_review(review=review, user=superuser_of_agency, action=action, **kwargs)
        assert Review.objects.get(pk=review.pk).state == state
    else:
        after = services.act_on_review(review=review, user=superuser_of_agency, action=action, **kwargs)
        assert after.state == expected
