"""Staff pages of 主动公开: the item list, the editor, 三审 inboxes and review pages, 意见箱, self-inspection."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies.permissions import agencies_for, staff_agencies_for
from gongkai.core.errors import DomainError
from gongkai.core.params import id_or_none

from . import queries, services
from .downloads import attachment_response
from .forms import ItemForm, PostingForm, ReplyForm, ReviewActionForm, WithdrawForm
from .models import Feedback, Item, ItemState, Review
from .permissions import can_edit_items, can_withdraw
from .review import ACTION_LABELS, available_actions


def _item_for(request, pk) -> Item:
    """Only items of agencies the user may read; another agency's item is a 404, not a 403."""
    return get_object_or_404(Item.objects.select_related("agency"), pk=pk, agency__in=agencies_for(request.user))


def _pick_agency(request, agencies):
    wanted = request.GET.get("agency") or request.POST.get("agency")
    if id_or_none(wanted) is not None:
        return agencies.filter(pk=id_or_none(wanted)).first()
    return agencies.first()


def _attach(request, form, item, version) -> None:
    upload = form.cleaned_data.get("attachment")
    if upload:
        services.add_attachment(item=item, version=version, upload=upload, user=request.user,
                                name=form.cleaned_data.get("attachment_name", ""))


@login_required
def items(request):
    agencies = agencies_for(request.user)
    qs = queries.items_for_agencies(agencies)
    agency = _pick_agency(request, agencies) if request.GET.get("agency") else None
    if agency:
        qs = qs.filter(agency=agency)
    state = request.GET.get("state", "")
    if state in ItemState.values:
        qs = qs.filter(state=state)
    page = Paginator(qs.order_by("-created_at", "-id"), 50).get_page(request.GET.get("page"))
    return render(request, "catalog/items.html", {
        "page": page, "agencies": agencies, "agency": agency, "state": state, "states": ItemState.choices,
        "writable": staff_agencies_for(request.user), "inbox_count": queries.inbox_for(request.user).count(),
    })


@login_required
def item_new(request):
    agencies = staff_agencies_for(request.user)
    agency = _pick_agency(request, agencies)
    if agency is None:
        raise Http404("您没有可撰写信息的机关")
    form = ItemForm(request.POST or None, request.FILES or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                item = services.create_item(agency=agency, author=request.user, data=form.service_data())
                _attach(request, form, item, services.latest_version(item))
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "草稿已保存，可提交三审")
            return redirect("catalog:item", pk=item.pk)
    return render(request, "catalog/item_form.html", {"form": form, "agency": agency, "agencies": agencies})


@login_required
def item_edit(request, pk):
    item = _item_for(request, pk)
    if not can_edit_items(request.user, item.agency):
        raise Http404
    version = services.latest_version(item)  # the form only reads it: the service decides what to write
    form = ItemForm(request.POST or None, request.FILES or None, instance=version, agency=item.agency, item=item)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                saved = services.save_draft(item=item, author=request.user, data=form.service_data())
                _attach(request, form, item, saved)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "修改已保存为新版本草稿；已发布的版本在新版本通过三审前保持不变")
            return redirect("catalog:item", pk=item.pk)
    return render(request, "catalog/item_form.html", {"form": form, "agency": item.agency, "item": item})


@login_required
def item_detail(request, pk):
    item = _item_for(request, pk)
    latest = services.latest_version(item)
    reviews = item.reviews.select_related("version", "submitted_by").prefetch_related("steps__reviewer")
    submittable = (latest is not None and not Review.objects.filter(version=latest).exists()
                   and not any(r.is_open for r in reviews) and can_edit_items(request.user, item.agency))
    return render(request, "catalog/item_detail.html", {
        "item": item, "latest": latest, "reviews": reviews, "submittable": submittable,
        "editable": can_edit_items(request.user, item.agency),
        "withdraw_form": WithdrawForm() if can_withdraw(request.user, item.agency)
        and item.state == ItemState.PUBLISHED else None,
        "posting_form": PostingForm(agency=item.agency) if can_edit_items(request.user, item.agency) else None,
        "publications": item.publications.select_related("channel"),
        "attachments": item.attachments.select_related("added_in", "removed_in").order_by("id"),
        "live_number": item.live_version.number if item.live_version_id else 0,
        "attachment_draft": services.editable_draft(item) if can_edit_items(request.user, item.agency) else None,
    })


def _run(request, fn, ok: str, **kwargs):
    try:
        result = fn(**kwargs)
    except DomainError as exc:
        messages.error(request, exc.message)
        return None
    messages.success(request, ok)
    return result


@login_required
@require_POST
def item_submit(request, pk):
    item = _item_for(request, pk)
    _run(request, services.submit_for_review, "已提交初审", item=item, user=request.user)
    return redirect("catalog:item", pk=item.pk)


@login_required
@require_POST
def item_withdraw(request, pk):
    item = _item_for(request, pk)
    _run(request, services.withdraw_item, "已撤稿", item=item, user=request.user,
         reason=request.POST.get("reason", ""))
    return redirect("catalog:item", pk=item.pk)


@login_required
def attachment_download(request, pk, attachment_pk):
    """Any file of an item the user may read, drafts' included, so reviewers can open what they approve."""
    item = _item_for(request, pk)
    found = get_object_or_404(item.attachments, pk=attachment_pk)
    return attachment_response(request, found, cache_control="private, no-store")


def _item_attachment(request, item, attachment_pk):
    attachment = item.attachments.filter(pk=attachment_pk).first()
    if attachment is None:
        messages.error(request, "附件：找不到该附件，可能已被删除")
    return attachment


@login_required
@require_POST
def attachment_remove(request, pk, attachment_pk):
    item = _item_for(request, pk)
    attachment = _item_attachment(request, item, attachment_pk)
    if attachment is None:
        return redirect("catalog:item", pk=item.pk)
    try:
        done = services.remove_attachment(item=item, attachment=attachment, user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        outcome = "将在新版本通过三审后从公开平台移除" if done.removed_in_id else "已删除"
        messages.success(request, f"附件“{done.name}”{outcome}")
    return redirect("catalog:item", pk=item.pk)


@login_required
@require_POST
def attachment_restore(request, pk, attachment_pk):
    item = _item_for(request, pk)
    attachment = _item_attachment(request, item, attachment_pk)
    if attachment is not None:
        _run(request, services.restore_attachment, f"已撤销删除，附件“{attachment.name}”保留",
             item=item, attachment=attachment, user=request.user)
    return redirect("catalog:item", pk=item.pk)


@login_required
@require_POST
def item_posting(request, pk):
    item = _item_for(request, pk)
    form = PostingForm(request.POST, agency=item.agency)
    if form.is_valid():
        _run(request, services.record_posting, "已登记发布渠道", item=item, user=request.user,
             channel=form.cleaned_data["channel"], posted_on=form.cleaned_data["posted_on"])
    else:
        messages.error(request, "请选择渠道并填写日期")
    return redirect("catalog:item", pk=item.pk)


@login_required
def inbox(request):
    return render(request, "catalog/inbox.html", {
        "reviews": queries.inbox_for(request.user), "sent_back": queries.sent_back_for(request.user),
    })


@login_required
def review_detail(request, pk):
    review = get_object_or_404(Review.objects.select_related("item__agency", "version", "submitted_by"),
                               pk=pk, item__agency__in=agencies_for(request.user))
    if request.method == "POST":
        form = ReviewActionForm(request.POST)
        if form.is_valid():
            publish_at = form.cleaned_data["publish_at"]
            done = _run(request, services.act_on_review, "审核意见已提交", review=review, user=request.user,
                        action=form.cleaned_data["action"], comment=form.cleaned_data["comment"],
                        publish_at=publish_at)
            if done is not None:
                return redirect("catalog:inbox")
        return redirect("catalog:review", pk=review.pk)
    baseline = review.item.live_version if review.item.live_version_id != review.version_id else None
    actions = [(a, ACTION_LABELS[a]) for a in available_actions(review, request.user)]
    return render(request, "catalog/review.html", {
        "review": review, "item": review.item, "baseline": baseline, "actions": actions,
        "changes": queries.version_changes(baseline, review.version)
        + queries.destination_changes(baseline, review.version),
        "resubmission": queries.resubmission_changes(review),
        "body_diff": queries.body_diff(baseline, review.version), "steps": review.steps.select_related("reviewer"),
        "attachment_changes": queries.attachment_changes(baseline, review.version),
        "form": ReviewActionForm(), "now": timezone.localtime(),
    })


@login_required
def feedback_inbox(request):
    agencies = agencies_for(request.user)
    rows = Feedback.objects.filter(agency__in=agencies).select_related("agency")
    return render(request, "catalog/feedback.html", {
        "rows": rows, "today": timezone.localdate(), "form": ReplyForm(),
    })


@login_required
@require_POST
def feedback_reply(request, pk):
    feedback = get_object_or_404(Feedback, pk=pk, agency__in=agencies_for(request.user))
    _run(request, services.reply_feedback, "已答复", feedback=feedback, user=request.user,
         reply=request.POST.get("reply", ""))
    return redirect("catalog:feedback")
