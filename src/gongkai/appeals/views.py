"""Staff pages for 行政复议 / 行政诉讼 cases: the list per agency and year with its 表四 counts, record, edit,
documents. Clerks of the agency write; a supervising office reads its subtree; anyone else gets a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies.permissions import agencies_for, can_work_in, staff_agencies_for
from gongkai.core.errors import DomainError, PermissionDenied
from gongkai.core.params import id_or_none
from gongkai.core.uploads import upload_refusals
from gongkai.disclosure_requests.downloads import attachment_response
from gongkai.disclosure_requests.queries import requests_for_user
from gongkai.statute.report import APPEAL_COLUMN_LABELS, APPEAL_COLUMNS, APPEAL_GROUP_LABELS, APPEAL_GROUPS
from gongkai.workdays.calendar import get_calendar

from . import services
from .deadlines import answer_deadline
from .forms import AppealForm, DocumentForm
from .models import Appeal, AppealResult
from .queries import appeal_table, appeals_in_scope

WRITE_REFUSED = "只有本机关工作人员可以记录或修改复议诉讼案件"


def _visible(user):
    return Appeal.objects.filter(agency__in=agencies_for(user)).select_related("agency", "request", "reply")


def _get(request, pk) -> Appeal:
    return get_object_or_404(_visible(request.user), pk=pk)


def _require_writer(user, agency):
    if not can_work_in(user, agency):
        raise PermissionDenied(WRITE_REFUSED)


def _year(value: str, default: int) -> int:
    return int(value) if value.isascii() and value.isdigit() and 1990 <= int(value) <= 9999 else default


@login_required
def appeal_list(request):
    """Cases of one agency counted in one year's 表四, with the counts from the report's own query."""
    readable = agencies_for(request.user)
    choice = request.GET.get("agency", "")
    if choice:
        agency = get_object_or_404(readable, pk=id_or_none(choice)) if id_or_none(choice) is not None else None
        if agency is None:
            raise Http404
    else:
        agency = staff_agencies_for(request.user).order_by("pk").first() or readable.order_by("path").first()
        if agency is None:
            raise PermissionDenied("只有机关工作人员和监督机关可以查看复议诉讼案件")
    today = timezone.localdate()
    year = _year(request.GET.get("year", ""), today.year)
    table = appeal_table(agencies=[agency], year=year)  # the 表四 of reports/build.py, same query
    rows = [(APPEAL_GROUP_LABELS[kind], [table[kind][col] for col in APPEAL_COLUMNS]) for kind in APPEAL_GROUPS]
    cases = appeals_in_scope(agencies=[agency], year=year).select_related("request").order_by("-filed_on", "-pk")
    return render(request, "appeals/list.html", {
        "agency": agency, "year": year, "agencies": readable.order_by("path"),
        "years": range(today.year, today.year - 6, -1), "table_rows": rows,
        "columns": [APPEAL_COLUMN_LABELS[col] for col in APPEAL_COLUMNS],
        "cases": cases, "can_write": can_work_in(request.user, agency),
    })


@login_required
def create(request):
    """Record a case; from a request's page (?request=) it is tied to that request and its reply letter."""
    req = None
    if id_or_none(request.GET.get("request")) is not None:
        req = get_object_or_404(requests_for_user(request.user).select_related("agency"),
                                pk=id_or_none(request.GET["request"]))
        _require_writer(request.user, req.agency)
        agencies = staff_agencies_for(request.user).filter(pk=req.agency_id)
        if request.user.is_superuser and not agencies.exists():
            agencies = agencies_for(request.user).filter(pk=req.agency_id)
    else:
        agencies = agencies_for(request.user) if request.user.is_superuser else staff_agencies_for(request.user)
        if not agencies.exists():
            raise PermissionDenied(WRITE_REFUSED)
    form = AppealForm(request.POST or None, agencies=agencies, creating=True,
                      initial={"applicant_name": req.display_applicant if req else ""})
    if request.method == "POST" and form.is_valid():
        values = form.values()
        result, closed_on = values.pop("result"), values.pop("closed_on")
        try:
            appeal = _record(request.user, form.cleaned_data["agency"], req, values, result, closed_on,
                             form.cleaned_data["correction_reason"])
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"已记录：{appeal.get_kind_display()}")
            return redirect("appeals:detail", pk=appeal.pk)
    return render(request, "appeals/form.html", {"form": form, "req": req, "appeal": None},
                  status=400 if form.errors else 200)


def _record(user, agency, req, values, result, closed_on, reason):
    from django.db import transaction

    with transaction.atomic():  # a case entered already decided: recorded and closed, or neither
        appeal = services.record_appeal(agency=agency, actor=user, request=req, correction_reason=reason, **values)
        if result != AppealResult.PENDING or closed_on is not None:
            if closed_on is None:
                raise DomainError("已审结的案件请填写审结日期", field="closed_on")
            if result == AppealResult.PENDING:
                raise DomainError("尚未审结的案件不填写审结日期；已审结的请选择结果", field="result")
            appeal = services.close_appeal(appeal=appeal, result=result, closed_on=closed_on, actor=user,
                                           correction_reason=reason)
    return appeal


@login_required
def detail(request, pk):
    appeal = _get(request, pk)
    return render(request, "appeals/detail.html", _detail_context(request, appeal, DocumentForm()))


def _detail_context(request, appeal, document_form):
    return {
        "appeal": appeal, "documents": appeal.documents.all(), "document_form": document_form,
        "deadline": answer_deadline(appeal, get_calendar(), today=timezone.localdate()),
        "can_write": can_work_in(request.user, appeal.agency),
    }


@login_required
def edit(request, pk):
    appeal = _get(request, pk)
    _require_writer(request.user, appeal.agency)
    form = AppealForm(request.POST or None, instance=appeal)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_appeal(appeal=appeal, actor=request.user, changes=form.values(),
                                   correction_reason=form.cleaned_data["correction_reason"])
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "已保存修改")
            return redirect("appeals:detail", pk=appeal.pk)
    return render(request, "appeals/form.html", {"form": form, "req": appeal.request, "appeal": appeal},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def upload(request, pk):
    appeal = _get(request, pk)
    _require_writer(request.user, appeal.agency)
    form = DocumentForm(request.POST, request.FILES)
    for refusal in upload_refusals(request):
        form.add_error(None, refusal)
    if not form.errors and form.is_valid():
        try:
            document = services.add_document(appeal=appeal, upload=form.cleaned_data["file"], actor=request.user)
        except DomainError as exc:
            form.add_error("file" if exc.field == "file" else None, exc.message)
        else:
            messages.success(request, f"已上传：{document.name}")
            return redirect("appeals:detail", pk=appeal.pk)
    return render(request, "appeals/detail.html", _detail_context(request, appeal, form), status=400)


@login_required
def document(request, pk, doc):
    """Streams a case paper to whoever may read the case (its agency's staff, the supervising office)."""
    appeal = _get(request, pk)
    return attachment_response(get_object_or_404(appeal.documents, pk=doc))
