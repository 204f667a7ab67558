"""The applicant's pages under /ysqgk/: the form (Art. 29), the receipt, the status lookup with 补正 and withdrawal."""

import hashlib
import re
import secrets
from contextlib import contextmanager

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core.errors import DomainError

from . import services
from .downloads import attachment_response, docx_response
from .forms import PublicRequestForm, QueryForm, SupplementUploadForm
from .models import Attachment, Delivery, FormToken, Request, State

SESSION_RECEIPT = "ysqgk_receipt"
TOKEN_FORMAT = re.compile(r"[A-Za-z0-9_-]{1,40}")  # secrets.token_urlsafe(24) gives 32 of these
SESSION_QUERY = "ysqgk_query"

PLAIN_STATES = {
    State.SUBMITTED: "已提交，等待机关确认收到（确认之日起算答复期限）",
    State.PROCESSING: "机关正在办理",
    State.AWAITING_SUPPLEMENT: "需要您补正申请内容，请在补正期限内提交",
    State.CONSULTING: "机关正在征求第三方或其他机关意见（该期间不计入答复期限）",
    State.AWAITING_FEE: "等待您缴纳信息处理费",
    State.CLOSED: "已办结",
}


def request_form(request):
    form = PublicRequestForm(request.POST or None, request.FILES or None,
                             initial={"token": secrets.token_urlsafe(24)})
    if request.method == "POST":
        if not TOKEN_FORMAT.fullmatch(request.POST.get("token", "")):  # tampered: longer than the column holds
            raise DomainError("表单令牌（token）无效：页面可能已过期，请刷新页面后重新填写", field="token")
        used = FormToken.objects.filter(token=request.POST.get("token", ""), request__isnull=False).first()
        if used is not None:  # a double-clicked submit: show the receipt of the first one, create nothing
            request.session[SESSION_RECEIPT] = used.request_id
            return redirect("ysqgk:receipt")
        if form.is_valid():
            created = _submit(form)
            if created is not None:
                request.session[SESSION_RECEIPT] = created.pk
                return redirect("ysqgk:receipt")
            return redirect("ysqgk:receipt")
    return render(request, "disclosure_requests/public/form.html", {"form": form})


def _submit(form) -> Request | None:
    data = form.cleaned_data
    fields = {f: data[f] for f in form.Meta.fields}
    saved = []
    try:
        with transaction.atomic(), removing_files_on_error(saved):
            token = FormToken.objects.create(token=data["token"])
            created = services.submit_online(agency=data["agency"], fields=fields)
            FormToken.objects.filter(pk=token.pk).update(request=created)
            for f in data.get("attachments") or []:
                saved.append(Attachment.objects.create(request=created, file=f, name=f.name[:200], size=f.size))
    except IntegrityError:  # the same token raced in twice at once
        return None
    return created


@contextmanager
def removing_files_on_error(saved: list):
    """Uploaded files are written when their row is saved; if the transaction then fails, remove them again
    so a rolled-back submission leaves no orphan file in the private storage."""
    try:
        yield
    except BaseException:
        for attachment in saved:
            attachment.file.storage.delete(attachment.file.name)
        raise


def receipt(request):
    pk = request.session.get(SESSION_RECEIPT)
    if pk is None:
        raise Http404("没有可显示的回执")
    req = get_object_or_404(Request.objects.select_related("agency"), pk=pk)
    return render(request, "disclosure_requests/public/receipt.html", {"req": req})


QUERY_FAILURE_LIMIT = 10
QUERY_FAILURE_WINDOW = 15 * 60  # seconds
TOO_MANY = "查询失败次数过多，请15分钟后再试"


def _failure_keys(request, number: str) -> list[str]:
    """One counter per client address and one per request number: guessing codes is slow either way."""
    digest = hashlib.sha256(number.encode()).hexdigest()[:32]
    client = request.META.get(settings.GONGKAI_CLIENT_IP_HEADER) or request.META.get("REMOTE_ADDR", "")
    return [f"ysqgk:query-fail:ip:{client}", f"ysqgk:query-fail:number:{digest}"]


def _blocked(keys) -> bool:
    return any((cache.get(key) or 0) >= QUERY_FAILURE_LIMIT for key in keys)


def _count_failure(keys) -> None:
    for key in keys:
        if not cache.add(key, 1, QUERY_FAILURE_WINDOW):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, QUERY_FAILURE_WINDOW)


def query(request):
    form = QueryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        number = form.cleaned_data["number"].strip()
        keys = _failure_keys(request, number)
        if _blocked(keys):
            form.add_error(None, TOO_MANY)
            return render(request, "disclosure_requests/public/query.html", {"form": form}, status=429)
        found = Request.objects.filter(number=number).first()
        if found and secrets.compare_digest(found.query_code, form.cleaned_data["code"].strip().upper()):
            request.session.cycle_key()
            request.session[SESSION_QUERY] = found.pk
            return redirect("ysqgk:status")
        _count_failure(keys)
        form.add_error("code", "申请编号或查询码不正确")
    return render(request, "disclosure_requests/public/query.html", {"form": form})


def _verified(request) -> Request:
    pk = request.session.get(SESSION_QUERY)
    if pk is None:
        raise Http404("请先输入申请编号和查询码")
    return get_object_or_404(Request.objects.select_related("agency"), pk=pk)


def status(request):
    req = _verified(request)
    return render(request, "disclosure_requests/public/status.html", _status_context(req))


def _status_context(req, supplement_form=None):
    online = req.delivery == Delivery.ONLINE or req.delivery == Delivery.EMAIL or req.channel == "online"
    return {
        "req": req, "plain_state": PLAIN_STATES[req.state], "documents": req.documents.all() if online else [],
        "supplement_form": supplement_form or SupplementUploadForm(),
        "supplement": req.events.filter(kind="supplement_requested").first(),
        "outcome_label": req.get_outcome_display() if req.outcome else "",
        "attachments": req.attachments.all(),
    }


@require_POST
def supplement(request):
    req = _verified(request)
    form = SupplementUploadForm(request.POST, request.FILES)
    if form.is_valid():
        saved = []
        try:
            with transaction.atomic(), removing_files_on_error(saved):
                names = [f.name for f in form.cleaned_data["attachments"]]
                event = services.receive_supplement(req, actor=services.Applicant(req.applicant_name),
                                                    day=timezone.localdate(), text=form.cleaned_data["text"],
                                                    attachments=names)
                for f in form.cleaned_data["attachments"]:
                    saved.append(Attachment.objects.create(request=req, event=event, file=f, name=f.name[:200],
                                                           size=f.size))
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "补正材料已提交，答复期限自今日重新计算")
            return redirect("ysqgk:status")
    return render(request, "disclosure_requests/public/status.html", _status_context(req, form), status=400)


@require_POST
def withdraw(request):
    req = _verified(request)
    services.withdraw_request(req, actor=services.Applicant(req.applicant_name), day=timezone.localdate(),
                              reason=request.POST.get("reason", "")[:500])
    messages.success(request, "申请已撤回")
    return redirect("ysqgk:status")


def document(request, doc):
    req = _verified(request)
    d = get_object_or_404(req.documents, pk=doc)
    return docx_response(d)


def attachment(request, att):
    req = _verified(request)
    return attachment_response(get_object_or_404(req.attachments, pk=att))


def matches(request):
    """htmx: published catalog items matching what the applicant types (an already-published item is an answer)."""
    from .catalog_search import published_matches

    items = published_matches(request.GET.get("description", ""), agency_id=request.GET.get("agency"))
    return render(request, "disclosure_requests/public/_matches.html", {"items": items})
