"""Staff pages: the workbench, registration, the detail page with its moves, documents, the ledger."""


from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import escape
from django.views.decorators.http import require_POST

from gongkai.agencies.permissions import STAFF_ROLES, agencies_for, can_work_in, staff_agencies_for
from gongkai.core.errors import DomainError, PermissionDenied
from gongkai.core.params import id_or_none, year_param
from gongkai.core.uploads import upload_limit, upload_refusals
from gongkai.statute.clock import CalendarYearMissing
from gongkai.statute.outcomes import APPLICANT_LABELS
from gongkai.workdays.calendar import get_calendar

from . import clockfeed, disclosed, letters, queries, services
from .applicant_access import keep_new_code, reissue_query_code, take_new_code
from .downloads import attachment_response, docx_response, draft_response
from .forms import (
    LEDGER_IMPORT_MAX_BYTES,
    MAX_ATTACHMENT_BYTES,
    MAX_DISCLOSED_FILES,
    MOVE_FORMS,
    DisclosedFilesForm,
    LedgerImportForm,
    RegisterForm,
    supplement_due_text,
)
from .models import Channel, Document, EventKind, ImportJob, Request, State, missing_year_warning
from .published_years import REPORTED_KINDS


def _filters(request) -> dict:
    g = request.GET
    agency, assignee = g.get("agency", ""), g.get("assignee", "")
    return {"state": g.get("state", queries.OPEN), "year": year_param(g),
            "channel": g.get("channel", ""), "assignee": id_or_none(assignee),
            "applicant_type": g.get("applicant_type", ""), "agency": id_or_none(agency)}


@login_required
def workbench(request):
    qs = queries.workbench(queries.requests_for_user(request.user), **_filters(request))
    today = timezone.localdate()
    soon = queries.soon_limit(today, get_calendar())
    due = request.GET.get("due", "")
    if due in queries.DUE_FILTERS:  # the links of the supervisor's overview: one agency's overdue / due-soon
        qs = qs.filter(queries.due_condition(due, today=today, soon=soon))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    rows = [(r, queries.urgency(r, today=today, soon=soon)) for r in page.object_list]
    context = {
        "page": page, "rows": rows, "today": today, "filters": request.GET,
        "detail_base": reverse("requests:workbench"),
        "states": State.choices, "channels": Channel.choices, "applicant_types": list(APPLICANT_LABELS.items()),
        "assignees": get_user_model().objects.filter(
            memberships__agency__in=staff_agencies_for(request.user)).distinct(),
        "years": range(today.year, today.year - 5, -1),
        "can_register": staff_agencies_for(request.user).exists(),
        "due_label": queries.DUE_FILTERS.get(due, ""),
        "filtered_agency": _filtered_agency(request),
    }
    template = "disclosure_requests/_rows.html" if request.htmx else "disclosure_requests/workbench.html"
    return render(request, template, context)


def _filtered_agency(request):
    wanted = _filters(request)["agency"]
    if wanted is None:
        return None
    return agencies_for(request.user).filter(pk=wanted).first()


@login_required
def register(request):
    agencies = staff_agencies_for(request.user)
    if not agencies.exists():
        raise PermissionDenied("只有机关工作人员可以登记申请")
    form = RegisterForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.register_request(agency=form.cleaned_data["agency"], actor=request.user,
                                                received_on=form.cleaned_data["received_on"],
                                                fields=form.applicant_fields(),
                                                correction_reason=form.cleaned_data.get("correction_reason", ""))
        except DomainError as exc:
            form.add_error(form.field_for(exc.field), exc.message)
        else:
            messages.success(request, f"已登记：{created.number}")
            keep_new_code(request.session, created, created.query_code)
            return redirect("requests:receipt", pk=created.pk)
    return render(request, "disclosure_requests/register.html", {"form": form})


def _get(request, pk):
    return get_object_or_404(queries.requests_for_user(request.user).select_related("agency", "assignee"), pk=pk)


def _move_form(kind, req, data=None):
    cls = MOVE_FORMS[kind]
    if kind == EventKind.ASSIGNED:
        staff = get_user_model().objects.filter(memberships__agency=req.agency,
                                                memberships__role__in=STAFF_ROLES).distinct()
        return cls(data, staff=staff, prefix=kind)
    if kind == EventKind.SUPPLEMENT_REQUESTED:
        form = cls(data, prefix=kind, agency=req.agency,
                   preview_url=reverse("requests:supplement_due", args=[req.pk]))
    else:
        form = cls(data, prefix=kind)
    if kind in REPORTED_KINDS:
        form.add_correction_field()
    return form


@login_required
def detail(request, pk):
    req = _get(request, pk)
    return render(request, "disclosure_requests/detail.html", _detail_context(request, req))


# The reply letter is seen before it is issued: its form leads to the preview, whose button confirms.
PREVIEWED = (EventKind.REPLIED, EventKind.CORRECTED)


def _detail_context(request, req, *, failed=None, disclosed_form=None):
    events = list(req.events.select_related("document").order_by("day", "id"))
    try:
        due = clockfeed.due_date(events, get_calendar())  # the same rule as the stored due_on
    except CalendarYearMissing as exc:  # shown as a warning, not a 500
        due, due_error = None, missing_year_warning(exc.year)
    else:
        due_error = ""
    actions = services.available_actions(req, request.user)
    forms = [(kind, EventKind(kind).label, failed[1] if failed and failed[0] == kind else _move_form(kind, req))
             for kind in actions]
    return {
        "req": req, "events": events, "due": due, "due_error": due_error, "forms": forms,
        "documents": req.documents.all(), "attachments": req.attachments.all(),
        "similar": queries.similar_requests(req), "monthly": queries.monthly_volume(req),
        "monthly_flag": queries.MONTHLY_VOLUME_FLAG,
        "can_reissue_code": can_work_in(request.user, req.agency),
        "previewed": PREVIEWED,
        "disclosed_files": req.disclosed_files.all(),
        "disclosed_form": disclosed_form or (DisclosedFilesForm()
                                             if can_work_in(request.user, req.agency) and disclosed.can_attach(req)
                                             else None),
        **_appeal_links(request, req),
    }


def _appeal_links(request, req) -> dict:
    """A "记录复议/诉讼" link once a reply exists (the act a 复议 or 诉讼 challenges), and the cases recorded."""
    try:
        create_url = reverse("appeals:create")
    except NoReverseMatch:  # the appeals pages are not mounted
        return {}
    replied = req.documents.filter(kind=Document.Kind.REPLY).exists()
    return {
        "appeal_create_url": f"{create_url}?request={req.pk}"
        if replied and can_work_in(request.user, req.agency) else "",
        "appeals": list(req.appeals.order_by("filed_on", "pk")),
    }


@login_required
@require_POST
def act(request, pk):
    """The POST side of the buttons: the move must be one `available_actions` offers this user now."""
    req = _get(request, pk)
    kind = request.POST.get("kind", "")
    if kind not in services.available_actions(req, request.user):
        raise PermissionDenied("当前不能进行此项操作（状态或权限不符）")
    form = _move_form(kind, req, request.POST)
    if form.is_valid():
        payload = form.payload()
        try:
            _perform(req, kind, request.user, payload, expect_letter=request.POST.get("preview_digest", ""))
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"已记录：{EventKind(kind).label}")
            return redirect("requests:detail", pk=req.pk)
    context = _detail_context(request, req, failed=(kind, form))
    return render(request, "disclosure_requests/detail.html", context, status=400)


def _perform(req, kind, user, payload, *, expect_letter=""):
    if kind == EventKind.CORRECTED:
        return services.correct_reply(req, actor=user, day=payload["day"], reason=payload["reason"],
                                      expect_letter=expect_letter)
    return services.record_event(req, kind=kind, actor=user, expect_letter=expect_letter, **payload)


@login_required
@require_POST
def preview(request, pk):
    """The reply letter as it will be issued (same rules, same number, nothing kept), then a button to issue it
    (its digest goes along: a letter that changed meanwhile is not issued) and its draft .docx marked 草稿."""
    req = _get(request, pk)
    kind = request.POST.get("kind", "")
    if kind not in PREVIEWED or kind not in services.available_actions(req, request.user):
        raise PermissionDenied("当前不能预览此项文书（状态或权限不符）")
    form = _move_form(kind, req, request.POST)
    if request.POST.get("format") == "edit":  # back from the preview: the same move open, filled as it was
        return render(request, "disclosure_requests/detail.html", _detail_context(request, req, failed=(kind, form)))
    if form.is_valid():
        payload = form.payload()
        try:
            letter = services.preview_letter(lambda: _perform(req, kind, request.user, payload))
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            if request.POST.get("format") == "docx":
                return draft_response(letter)
            return render(request, "disclosure_requests/preview.html", {
                "req": req, "kind": kind, "label": EventKind(kind).label, "form": form, "letter": letter,
                "paragraphs": letters.letter_paragraphs(letter.content),
                "digest": letters.letter_digest(letter.content)})
    context = _detail_context(request, req, failed=(kind, form))
    return render(request, "disclosure_requests/detail.html", context, status=400)


@login_required
@require_POST
@upload_limit(MAX_ATTACHMENT_BYTES, MAX_DISCLOSED_FILES)
def attach_disclosed(request, pk):
    """Files of the information disclosed, sent with the 予以公开/部分公开 reply (disclosed.attach_files)."""
    req = _get(request, pk)
    if not can_work_in(request.user, req.agency):
        raise PermissionDenied("只有受理机关的工作人员可以附送公开的信息")
    form = DisclosedFilesForm(request.POST, request.FILES, refused=upload_refusals(request))
    if form.is_valid():
        try:
            saved = disclosed.attach_files(req, actor=request.user, files=form.cleaned_data["files"])
        except DomainError as exc:
            form.add_error("files", exc.message)
        else:
            messages.success(request, f"已附送公开的信息 {len(saved)} 个文件，申请人可凭查询码下载")
            return redirect("requests:detail", pk=req.pk)
    return render(request, "disclosure_requests/detail.html", _detail_context(request, req, disclosed_form=form),
                  status=400)


@login_required
def disclosed_file(request, pk, f):
    req = _get(request, pk)
    return attachment_response(get_object_or_404(req.disclosed_files, pk=f))


@login_required
def supplement_due(request, pk):
    """htmx: the 补正 deadline for the notice date and working days typed so far, by the working-day calendar."""
    req = _get(request, pk)
    prefix = EventKind.SUPPLEMENT_REQUESTED.value
    text = supplement_due_text(request.GET.get(f"{prefix}-day", ""), request.GET.get(f"{prefix}-period_days", ""))
    del req  # fetched only to check the user may see this request
    return HttpResponse(escape(text))


@login_required
def receipt(request, pk):
    """The query code appears only right after registration or a new code, in the session that made it."""
    req = _get(request, pk)
    code = take_new_code(request.session, req)
    return render(request, "disclosure_requests/receipt.html", {"req": req, "code": code})


@login_required
@require_POST
def new_query_code(request, pk):
    """The applicant lost the code: a new one (audited), shown once on the receipt for printing."""
    req = _get(request, pk)
    code = reissue_query_code(req, actor=request.user)
    keep_new_code(request.session, req, code)
    messages.success(request, "已生成新的查询码，原查询码已失效；请打印回执交申请人")
    return redirect("requests:receipt", pk=req.pk)


@login_required
def document(request, pk, doc):
    req = _get(request, pk)
    d = get_object_or_404(req.documents, pk=doc)
    return docx_response(d)


@login_required
def attachment(request, pk, att):
    """The applicant's uploads (ID copies, 补正 material): staff of the request's own agency only."""
    req = _get(request, pk)
    if not can_work_in(request.user, req.agency):
        raise PermissionDenied("只有本机关工作人员可以查看申请人提交的材料")
    return attachment_response(get_object_or_404(req.attachments, pk=att))


@login_required
def ledger_export(request):
    from .ledger import export_xlsx

    year = year_param(request.GET, default=timezone.localdate().year)
    content = export_xlsx(queries.requests_for_user(request.user), year=year)
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="ledger-{year}.xlsx"'
    return response


@login_required
@upload_limit(LEDGER_IMPORT_MAX_BYTES, max_files=1)
def ledger_import(request):
    """The upload only: the file goes into an ImportJob, the import runs outside this request (importjobs.py)."""
    from .importjobs import create_job
    from .ledger_import import HELP

    if not staff_agencies_for(request.user).exists():
        raise PermissionDenied("只有机关工作人员可以导入台账")
    form = LedgerImportForm(request.POST or None, request.FILES or None, refused=upload_refusals(request))
    if request.method == "POST" and form.is_valid():
        job = create_job(user=request.user, upload=form.cleaned_data["file"])
        return redirect("requests:ledger_import_job", pk=job.pk)
    jobs = ImportJob.objects.filter(user=request.user).defer("content")[:10]
    return render(request, "disclosure_requests/ledger_import.html",
                  {"form": form, "help": HELP, "jobs": jobs}, status=400 if form.errors else 200)


@login_required
def ledger_import_job(request, pk):
    """The job's status; while it runs, htmx asks again every two seconds for the panel alone."""
    from .importjobs import progress_of

    job = get_object_or_404(ImportJob.objects.defer("content"), pk=pk, user=request.user)
    template = ("disclosure_requests/_import_job.html" if request.headers.get("HX-Request")
                else "disclosure_requests/ledger_import_job.html")
    return render(request, template, {"job": job, "progress": progress_of(job)})


@login_required
def history(request):
    """htmx, while registering: the same applicant's earlier requests with similar text, and this month's count."""
    probe = Request(applicant_key=services.applicant_key(request.GET.dict()),
                    description=request.GET.get("description", ""))
    mine = queries.requests_for_user(request.user)
    similar = queries.similar_requests(probe, within=mine) if probe.applicant_key != "name:" else []
    today = timezone.localdate()
    month = mine.filter(applicant_key=probe.applicant_key, received_on__year=today.year,
                        received_on__month=today.month).count() if probe.applicant_key != "name:" else 0
    return render(request, "disclosure_requests/_history.html", {
        "similar": similar, "month": month, "flag": queries.MONTHLY_VOLUME_FLAG,
        "earlier": mine.filter(applicant_key=probe.applicant_key).count() if probe.applicant_key != "name:" else 0,
    })
