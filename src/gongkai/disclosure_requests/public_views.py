"""The applicant's pages under /ysqgk/: the form (Art. 29), the receipt, the status lookup with 补正 and withdrawal."""

import re
from contextlib import contextmanager

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core.client_address import client_address
from gongkai.core.errors import DomainError
from gongkai.core.pagecache import across_agencies, cached_page, form_token
from gongkai.core.uploads import upload_limit, upload_refusals

from . import query_codes, services
from .applicant_access import (
    acting_applicant,
    keep_new_code,
    open_query,
    record_download,
    take_new_code,
    verified_request,
)
from .downloads import attachment_response, docx_response
from .forms import (
    MAX_ATTACHMENT_BYTES,
    MAX_ATTACHMENTS,
    PublicRequestForm,
    QueryForm,
    SupplementUploadForm,
    WithdrawForm,
)
from .lookup_throttle import TOO_MANY, LookupThrottle
from .models import Attachment, Delivery, FormToken, Request, State
from .notifications import NOT_TO_APPLICANT

SESSION_RECEIPT = "ysqgk_receipt"
# One message for a wrong number and a wrong code: the page must not tell which numbers exist.
WRONG = "申请编号或查询码不正确"
TOKEN_FORMAT = re.compile(r"[A-Za-z0-9_-]{1,40}")  # secrets.token_urlsafe(24) gives 32 of these

PLAIN_STATES = {
    State.SUBMITTED: "已提交，等待机关确认收到（确认之日起算答复期限）",
    State.PROCESSING: "机关正在办理",
    State.AWAITING_SUPPLEMENT: "需要您补正申请内容，请在补正期限内提交",
    State.CONSULTING: "机关正在征求第三方或其他机关意见（该期间不计入答复期限）",
    State.AWAITING_FEE: "等待您缴纳信息处理费",
    State.CLOSED: "已办结",
}


@upload_limit(MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS)
@cached_page(scope=across_agencies)  # the shell for anonymous visitors; its CSRF token, nonce, form token fresh
def request_form(request):
    form = PublicRequestForm(request.POST or None, request.FILES or None, refused=upload_refusals(request),
                             initial={"token": form_token(request)})
    if request.method == "POST":
        if not TOKEN_FORMAT.fullmatch(request.POST.get("token", "")):  # tampered: longer than the column holds
            raise DomainError("表单令牌（token）无效：页面可能已过期，请刷新页面后重新填写", field="token")
        used = FormToken.objects.filter(token=request.POST.get("token", ""), request__isnull=False).first()
        if used is not None:  # a double-clicked submit: show the receipt of the first one, create nothing
            request.session[SESSION_RECEIPT] = used.request_id
            return redirect("ysqgk:receipt")
        if form.is_valid():
            created = _submit(request, form)
            if created is not None:
                request.session[SESSION_RECEIPT] = created.pk
                keep_new_code(request.session, created, created.query_code)
            return redirect("ysqgk:receipt")
    return render(request, "disclosure_requests/public/form.html", {"form": form})


def _submit(request, form) -> Request | None:
    data = form.cleaned_data
    fields = {f: data[f] for f in form.Meta.fields}
    actor = acting_applicant(request, name=data["applicant_name"])
    saved = []
    try:
        with transaction.atomic(), removing_files_on_error(saved):
            token = FormToken.objects.create(token=data["token"])
            created = services.submit_online(agency=data["agency"], fields=fields, actor=actor)
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
    """The code shows on the first rendering only (a double-submitted form shows the receipt without it)."""
    pk = request.session.get(SESSION_RECEIPT)
    if pk is None:
        raise Http404("没有可显示的回执")
    req = get_object_or_404(Request.objects.select_related("agency"), pk=pk)
    return render(request, "disclosure_requests/public/receipt.html",
                  {"req": req, "code": take_new_code(request.session, req)})


def query(request):
    form = QueryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        number, code = form.cleaned_data["number"], form.cleaned_data["code"]
        address = client_address(request)
        throttle = LookupThrottle()
        if throttle.blocked(number, address):
            form.add_error(None, TOO_MANY)
            return render(request, "disclosure_requests/public/query.html", {"form": form}, status=429)
        found = Request.objects.filter(number=number).first()
        # An unknown number is checked against a throwaway hash: the same work, the same answer.
        matched = query_codes.check(code, found.query_code_hash if found else query_codes.unknown_number_hash())
        if found is not None and matched:
            throttle.succeeded(number, address)
            open_query(request, found)
            return redirect("ysqgk:status")
        throttle.failed(number, address)
        form.add_error(None, WRONG)
    return render(request, "disclosure_requests/public/query.html", {"form": form})


def _verified(request) -> Request:
    req = verified_request(request)
    if req is None:
        raise Http404("请先输入申请编号和查询码")
    return req


def status(request):
    req = _verified(request)
    return render(request, "disclosure_requests/public/status.html", _status_context(req))


def _status_context(req, supplement_form=None, withdraw_form=None):
    online = req.delivery == Delivery.ONLINE or req.delivery == Delivery.EMAIL or req.channel == "online"
    return {
        "req": req, "plain_state": PLAIN_STATES[req.state], "documents": req.documents.all() if online else [],
        # offline delivery: the applicant still sees that a letter went out, and when
        "letters_sent": [] if online else req.documents.exclude(kind__in=NOT_TO_APPLICANT),
        "disclosed_files": req.disclosed_files.all() if online else [],
        "supplement_form": supplement_form or SupplementUploadForm(),
        "withdraw_form": withdraw_form or WithdrawForm(),
        "supplement": req.events.filter(kind="supplement_requested").first(),
        "outcome_label": req.get_outcome_display() if req.outcome else "",
        "attachments": req.attachments.all(),
    }


@require_POST
@upload_limit(MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS)
def supplement(request):
    req = _verified(request)
    form = SupplementUploadForm(request.POST, request.FILES, refused=upload_refusals(request))
    if form.is_valid():
        saved = []
        try:
            with transaction.atomic(), removing_files_on_error(saved):
                names = [f.name for f in form.cleaned_data["attachments"]]
                event = services.receive_supplement(req, actor=acting_applicant(request, req),
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
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        return render(request, "disclosure_requests/public/status.html", _status_context(req, withdraw_form=form),
                      status=400)
    services.withdraw_request(req, actor=acting_applicant(request, req), day=timezone.localdate(),
                              reason=form.cleaned_data["reason"])
    messages.success(request, "申请已撤回")
    return redirect("ysqgk:status")


def document(request, doc):
    req = _verified(request)
    d = get_object_or_404(req.documents, pk=doc)
    record_download(request, req, kind="document", obj_id=d.pk, name=d.filename)
    return docx_response(d)


def attachment(request, att):
    req = _verified(request)
    found = get_object_or_404(req.attachments, pk=att)
    record_download(request, req, kind="attachment", obj_id=found.pk, name=found.name)
    return attachment_response(found)


def disclosed_file(request, f):
    """The information disclosed with the reply: only in the session that proved this request's query code."""
    req = _verified(request)
    found = get_object_or_404(req.disclosed_files, pk=f)
    record_download(request, req, kind="disclosed_file", obj_id=found.pk, name=found.name)
    return attachment_response(found)


def matches(request):
    """htmx: published catalog items matching what the applicant types (an already-published item is an answer)."""
    from .catalog_search import published_matches

    items = published_matches(request.GET.get("description", ""), agency_id=request.GET.get("agency"))
    return render(request, "disclosure_requests/public/_matches.html", {"items": items})
