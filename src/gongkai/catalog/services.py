"""Every change to the catalog: one function per use case (guard → atomic + lock → transition → audit)."""

from datetime import datetime
from pathlib import PurePosixPath

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.core.audit import log_action
from gongkai.core.errors import DomainError, PermissionDenied
from gongkai.core.sequences import next_number

from . import review as rules
from .attachments import upload_problem
from .models import (
    OPEN_REVIEW_STATES,
    VERSION_FIELDS,
    Attachment,
    Channel,
    Column,
    Feedback,
    Item,
    ItemState,
    ItemVersion,
    Publication,
    Review,
    ReviewState,
    ReviewStep,
    Validity,
)
from .permissions import can_edit_items, can_reply_feedback, can_withdraw
from .search_terms import search_text_for

LINK_FIELDS = ("column_ids", "channel_ids", "interprets_ids")


# --- drafts -----------------------------------------------------------------------------------


def _check_data(agency, data: dict, *, item=None) -> dict:
    if not (data.get("title") or "").strip():
        raise DomainError("请填写信息名称", field="title")
    if not data.get("doc_kind"):
        data["validity"], data["invalid_on"] = Validity.VALID, None
    if data.get("validity") in (Validity.EXPIRED, Validity.REPEALED) and not data.get("invalid_on"):
        raise DomainError("失效或废止的文件须填写失效/废止日期", field="invalid_on")
    for key, model in (("column_ids", Column), ("channel_ids", Channel), ("interprets_ids", Item)):
        ids = sorted({int(x) for x in data.get(key) or []})
        if item is not None and key == "interprets_ids" and item.pk in ids:
            raise DomainError("政策解读不能解读自身", field="interprets")
        if model.objects.filter(pk__in=ids, agency=agency).count() != len(ids):
            raise DomainError("所选栏目、渠道或文件不属于本机关", field=key)
        data[key] = ids
    return data


def _new_version(item, author, data) -> ItemVersion:
    number = (item.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    fields = {f: data.get(f) for f in VERSION_FIELDS if f in data}
    return ItemVersion.objects.create(item=item, number=number, author=author,
                                      **fields, **{k: data.get(k, []) for k in LINK_FIELDS})


def _mirror_draft(item, version) -> None:
    """Before the first publication the item shows its latest draft in staff lists; never afterwards."""
    if item.live_version_id is None:
        for f in VERSION_FIELDS:
            setattr(item, f, getattr(version, f))
        item.save()
        item.columns.set(version.column_ids)


def create_item(*, agency, author, data: dict) -> Item:
    if not can_edit_items(author, agency):
        raise PermissionDenied("您不是本机关的工作人员，不能撰写公开信息")
    data = _check_data(agency, dict(data))
    with transaction.atomic():
        item = Item.objects.create(agency=agency, author=author, title=data["title"].strip())
        version = _new_version(item, author, data)
        _mirror_draft(item, version)
        log_action("catalog.item.created", actor=author, obj=item, data={"version": version.number})
    return item


def save_draft(*, item, author, data: dict) -> ItemVersion:
    """A new draft version; an unsubmitted draft is overwritten, a submitted one never is."""
    if not can_edit_items(author, item.agency):
        raise PermissionDenied("您不是本机关的工作人员，不能修改公开信息")
    data = _check_data(item.agency, dict(data), item=item)
    with transaction.atomic():
        item = Item.objects.select_for_update().get(pk=item.pk)
        if item.reviews.filter(state__in=OPEN_REVIEW_STATES).exists():
            raise DomainError("该信息正在审核中，请先撤回提交再修改")
        version = latest_version(item)
        if version is not None and not Review.objects.filter(version=version).exists():
            for f in VERSION_FIELDS:
                if f in data:
                    setattr(version, f, data[f])
            for k in LINK_FIELDS:
                setattr(version, k, data.get(k, []))
            version.author = author
            version.save()
        else:
            version = _new_version(item, author, data)
        _mirror_draft(item, version)
        log_action("catalog.item.edited", actor=author, obj=item, data={"version": version.number})
    return version


def add_attachment(*, item, version, upload, user, name: str = "") -> Attachment:
    """Attach a file to a draft version; it goes public with that version's approval."""
    if not can_edit_items(user, item.agency):
        raise PermissionDenied("您不是本机关的工作人员，不能上传附件")
    if version.item_id != item.pk:
        raise DomainError("附件：版本与信息不符", field="attachment")
    problem = upload_problem(upload)
    if problem:
        raise DomainError(problem, field="attachment")
    title = (name or "").strip() or PurePosixPath(upload.name.replace("\\", "/")).name
    with transaction.atomic():
        attachment = Attachment(item=item, added_in=version, name=title[:200], size=upload.size)
        attachment.file.save(PurePosixPath(upload.name.replace("\\", "/")).name, upload, save=False)
        attachment.save()
        log_action("catalog.attachment.added", actor=user, obj=item,
                   data={"name": attachment.name, "size": attachment.size, "version": version.number})
    return attachment


def remove_attachment(*, item, attachment, user) -> Attachment:
    """Take a file off the item in its draft: a public one leaves the portal only when the draft is approved.

    A file that was never public is simply deleted (row, and file once the transaction commits); a public
    one is marked `removed_in` the draft, so the published version keeps showing it until 三审 passes.
    Returns the attachment: `removed_in` set when marked, `pk` None when deleted.
    """
    with transaction.atomic():
        item, draft, attachment = _locked_for_change(item, attachment, user, "删除附件")
        if attachment.removed_in_id is not None:
            raise DomainError(f"附件：“{attachment.name}”已标记删除，将在审核通过后移除", field="attachment")
        deleted = not _ever_public(item, attachment)
        name = attachment.name
        if deleted:
            _delete_with_file(attachment)
        else:
            attachment.removed_in = draft
            attachment.save(update_fields=["removed_in"])
        log_action("catalog.attachment.removed", actor=user, obj=item,
                   data={"name": name, "version": draft.number, "deleted": deleted})
    return attachment


def _locked_for_change(item, attachment, user, verb: str):
    """Inside the caller's transaction: the item locked, its editable draft, the attachment as stored now."""
    if not can_edit_items(user, item.agency):
        raise PermissionDenied(f"您不是本机关的工作人员，不能{verb}")
    if attachment.item_id != item.pk:
        raise DomainError("附件：该附件不属于此信息", field="attachment")
    item = Item.objects.select_for_update().get(pk=item.pk)
    draft = _draft_for_attachments(item, verb)
    attachment = Attachment.objects.select_related("added_in", "removed_in").filter(pk=attachment.pk, item=item).first()
    if attachment is None:
        raise DomainError("附件：该附件已被删除", field="attachment")
    return item, draft, attachment


def restore_attachment(*, item, attachment, user) -> Attachment:
    """Undo a removal marked in the current draft, before it is submitted: the file stays as it was.

    Only the draft's own marks are undone; a removal approved (already off the portal) or carried by a
    submitted version belongs to a version that is no longer editable and stays on record.
    """
    with transaction.atomic():
        item, draft, attachment = _locked_for_change(item, attachment, user, "撤销删除附件")
        if attachment.removed_in_id != draft.pk:
            raise DomainError(_not_restorable(item, attachment, draft), field="attachment")
        attachment.removed_in = None
        attachment.save(update_fields=["removed_in"])
        log_action("catalog.attachment.restored", actor=user, obj=item,
                   data={"name": attachment.name, "version": draft.number})
    return attachment


def _not_restorable(item, attachment, draft) -> str:
    name, removed_in = attachment.name, attachment.removed_in
    if removed_in is None:
        return f"附件：“{name}”没有被标记删除，无需撤销"
    if item.live_version_id and removed_in.number <= item.live_version.number:
        return f"附件：“{name}”已随第{removed_in.number}版从公开平台移除，不能撤销；如需恢复请重新上传"
    return (f"附件：“{name}”的删除随第{removed_in.number}版提交过审核，不是当前第{draft.number}版草稿中的操作，"
            "不能撤销；如需保留请重新上传")


def _draft_for_attachments(item, verb: str) -> ItemVersion:
    """The saved, unsubmitted version a removal belongs to; refused while 三审 runs or before a new draft."""
    if item.reviews.filter(state__in=OPEN_REVIEW_STATES).exists():
        raise DomainError(f"附件：该信息正在审核中，不能{verb}；请先撤回提交再修改", field="attachment")
    draft = editable_draft(item)
    if draft is None:
        raise DomainError(f"附件：没有可修改的草稿版本，请先点“修改”保存新版本草稿，再{verb}", field="attachment")
    return draft


def _ever_public(item, attachment) -> bool:
    """Imported files, and files of the approved version or an earlier one, have been on the portal."""
    if attachment.added_in_id is None:
        return True
    return item.live_version_id is not None and attachment.added_in.number <= item.live_version.number


def _delete_with_file(attachment) -> None:
    # The file goes only after commit: a rolled-back removal must not leave a row pointing at nothing.
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def latest_version(item) -> ItemVersion | None:
    return item.versions.order_by("-number").first()


def editable_draft(item) -> ItemVersion | None:
    """The latest version while save_draft would still overwrite it (saved, never submitted); else None."""
    version = latest_version(item)
    if version is None or Review.objects.filter(version=version).exists():
        return None
    return version


# --- 三审 -------------------------------------------------------------------------------------


def submit_for_review(*, item, user) -> Review:
    if not can_edit_items(user, item.agency):
        raise PermissionDenied("您不是本机关的工作人员，不能提交审核")
    with transaction.atomic():
        item = Item.objects.select_for_update().get(pk=item.pk)
        version = latest_version(item)
        if version is None or Review.objects.filter(version=version).exists():
            raise DomainError("没有待提交的新版本，请先修改并保存")
        if item.reviews.filter(state__in=OPEN_REVIEW_STATES).exists():
            raise DomainError("该信息已有一轮审核尚未结束")
        try:
            with transaction.atomic():
                review = Review.objects.create(item=item, version=version, submitted_by=user,
                                               submitted_at=timezone.now(), state=ReviewState.FIRST)
        except IntegrityError:
            raise DomainError("该信息已有一轮审核尚未结束") from None
        if item.state in (ItemState.DRAFT, ItemState.WITHDRAWN):
            item.state = ItemState.IN_REVIEW
            item.save(update_fields=["state"])
        log_action("catalog.review.submitted", actor=user, obj=item, data={"version": version.number})
    return review


def act_on_review(*, review, user, action: str, comment: str = "", publish_at: datetime | None = None) -> Review:
    """One decision by one person: the action must be among `available_actions` when the lock is held."""
    with transaction.atomic():
        review = Review.objects.select_for_update().select_related("item", "version").get(pk=review.pk)
        if action not in rules.available_actions(review, user):
            _refuse(review, user, action)
        if action == rules.Action.REJECT and not comment.strip():
            raise DomainError("退回时请写明修改意见", field="comment")
        if action == rules.Action.SCHEDULE and (publish_at is None or publish_at <= timezone.now()):
            raise DomainError("定时发布时间须晚于现在", field="publish_at")
        level = rules.LEVEL_OF_STATE.get(review.state)
        if level is not None and action in rules.REVIEWER_ACTIONS:
            decision = "rejected" if action == rules.Action.REJECT else "approved"
            ReviewStep.objects.create(review=review, level=level, decision=decision, reviewer=user,
                                      decided_at=timezone.now(), comment=comment.strip())
        review.state = rules.next_state(review.state, action)
        review.publish_at = publish_at if action == rules.Action.SCHEDULE else review.publish_at
        _after_move(review, user)
        log_action(f"catalog.review.{action}", actor=user, obj=review.item,
                   data={"version": review.version.number, "level": level or "", "comment": comment.strip(),
                         "state": review.state})
    return review


def _refuse(review, user, action):
    if review.state not in rules.TRANSITIONS or action not in rules.TRANSITIONS[review.state]:
        raise DomainError(f"当前状态“{review.get_state_display()}”下不能执行此操作")
    raise PermissionDenied("您不能执行此操作：每一级审核须由持有该级审核岗位、且未参与本轮审核的非撰稿人完成")


def _after_move(review, user) -> None:
    item = review.item
    if review.state == ReviewState.PUBLISHED:
        _publish(review, timezone.now())
    elif review.state == ReviewState.SCHEDULED:
        review.save()
        if item.state != ItemState.PUBLISHED:
            Item.objects.filter(pk=item.pk).update(state=ItemState.SCHEDULED)
    elif review.state in (ReviewState.REJECTED, ReviewState.CANCELLED):
        review.closed_at = timezone.now()
        review.save()
        if item.state in (ItemState.IN_REVIEW, ItemState.SCHEDULED):
            Item.objects.filter(pk=item.pk).update(state=ItemState.DRAFT)
    else:
        review.save()


def _index_number(item, year: int) -> str:
    agency = item.agency
    serial = next_number(agency=agency, scope="index", year=year)
    return agency.index_number_format.format(
        org_code=agency.org_code, uscc=agency.uscc or "", year=year, serial=serial, short_name=agency.short_name,
    )


def _publish(review, when: datetime) -> None:
    """Make the approved version the public one; the 索引号 is taken once, at the first publication."""
    item = Item.objects.select_for_update().get(pk=review.item_id)
    version = review.version
    for f in VERSION_FIELDS:
        setattr(item, f, getattr(version, f))
    if item.published_at is None:
        item.published_at = when
    if not item.index_number:
        item.index_number = _index_number(item, timezone.localdate(item.published_at).year)
    item.state, item.live_version, item.withdrawn_reason = ItemState.PUBLISHED, version, ""
    item.search_text = search_text_for(item)
    item.save()
    item.columns.set(version.column_ids)
    item.interprets.set(version.interprets_ids)
    posted_on = timezone.localdate(when)
    for channel in Channel.objects.filter(pk__in=version.channel_ids, agency=item.agency):
        Publication.objects.get_or_create(item=item, channel=channel, defaults={"posted_on": posted_on})
    review.closed_at = when
    review.save()
    review.item = item
    log_action("catalog.item.published", actor=review.submitted_by, obj=item,
               data={"index_number": item.index_number, "version": version.number})


def publish_scheduled(*, now: datetime | None = None) -> list[Review]:
    """Run by `gongkai publish_scheduled` (cron): each due review is claimed under a row lock, so once only."""
    now = now or timezone.now()
    done = []
    for pk in Review.objects.filter(state=ReviewState.SCHEDULED, publish_at__lte=now).values_list("pk", flat=True):
        with transaction.atomic():
            review = Review.objects.select_for_update().select_related("item", "version").get(pk=pk)
            if review.state != ReviewState.SCHEDULED:
                continue  # another runner got there first
            review.state = rules.next_state(review.state, rules.Action.PUBLISH)
            _publish(review, review.publish_at)
            log_action("catalog.review.publish", actor="定时发布", obj=review.item,
                       data={"version": review.version.number})
        done.append(review)
    return done


def publish_directly(*, item, when: datetime, actor_label: str = "数据导入") -> Item:
    """Records already published elsewhere (demo, import of an existing catalogue): no 三审 run is recorded."""
    with transaction.atomic():
        version = latest_version(item)
        review = Review.objects.create(item=item, version=version, submitted_by=version.author,
                                       submitted_at=when, state=ReviewState.PUBLISHED)
        _publish(review, when)
        log_action("catalog.item.imported_as_published", actor=actor_label, obj=item, data={})
    return Item.objects.get(pk=item.pk)


# --- after publication ------------------------------------------------------------------------


def withdraw_item(*, item, user, reason: str) -> Item:
    """撤稿: the item leaves every public page; its 索引号 stays reserved for it."""
    if not can_withdraw(user, item.agency):
        raise PermissionDenied("撤稿须由终审人、负责人或管理员操作")
    if not reason.strip():
        raise DomainError("请填写撤稿原因", field="reason")
    with transaction.atomic():
        item = Item.objects.select_for_update().get(pk=item.pk)
        if item.state != ItemState.PUBLISHED:
            raise DomainError("只有已发布的信息可以撤稿")
        for open_review in item.reviews.filter(state__in=OPEN_REVIEW_STATES):
            open_review.state, open_review.closed_at = ReviewState.CANCELLED, timezone.now()
            open_review.save()
        item.state, item.withdrawn_reason = ItemState.WITHDRAWN, reason.strip()
        item.save(update_fields=["state", "withdrawn_reason", "updated_at"])
        log_action("catalog.item.withdrawn", actor=user, obj=item, data={"reason": reason.strip()})
    return item


def record_posting(*, item, channel, posted_on, user) -> Publication:
    """A posting made outside the portal (公开栏, 交易中心) recorded afterwards."""
    if not can_edit_items(user, item.agency) or channel.agency_id != item.agency_id:
        raise PermissionDenied("只能为本机关的信息登记本机关的发布渠道")
    with transaction.atomic():
        publication, created = Publication.objects.get_or_create(
            item=item, channel=channel, defaults={"posted_on": posted_on})
        if not created:
            raise DomainError("该信息已登记在此渠道发布")
        log_action("catalog.publication.recorded", actor=user, obj=item,
                   data={"channel": channel.name, "posted_on": posted_on.isoformat()})
    return publication


# --- 意见箱 -----------------------------------------------------------------------------------


def receive_feedback(*, agency, subject: str, message: str, name: str = "", contact: str = "") -> Feedback:
    from gongkai.statute.clock import CalendarYearMissing, add_workdays
    from gongkai.workdays.calendar import get_calendar

    from .models import FEEDBACK_REPLY_WORKDAYS

    try:
        due = add_workdays(timezone.localdate(), FEEDBACK_REPLY_WORKDAYS, get_calendar())
    except CalendarYearMissing:
        due = None  # the inbox shows the missing calendar instead of inventing a date
    with transaction.atomic():
        feedback = Feedback.objects.create(agency=agency, subject=subject.strip(), message=message.strip(),
                                           name=name.strip(), contact=contact.strip(), reply_due=due)
        log_action("catalog.feedback.received", actor="公众", obj=feedback, agency=agency,
                   data={"reply_due": due.isoformat() if due else None})
    return feedback


def reply_feedback(*, feedback, user, reply: str) -> Feedback:
    if not can_reply_feedback(user, feedback.agency):
        raise PermissionDenied("您不是本机关的工作人员，不能答复留言")
    if not reply.strip():
        raise DomainError("请填写答复内容", field="reply")
    with transaction.atomic():
        feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
        if feedback.replied_at:
            raise DomainError("该留言已答复")
        feedback.reply, feedback.replied_at, feedback.replied_by = reply.strip(), timezone.now(), user
        feedback.save()
        log_action("catalog.feedback.replied", actor=user, obj=feedback, agency=feedback.agency, data={})
    return feedback

