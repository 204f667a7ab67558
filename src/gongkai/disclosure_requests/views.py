"""Staff pages: the workbench, registration, the detail page with its moves, documents, the ledger."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies.permissions import STAFF_ROLES, agencies_for, can_work_in, staff_agencies_for
from gongkai.core.errors import DomainError, PermissionDenied
from gongkai.core.params import year_param
from gongkai.statute.clock import CalendarYearMissing
from gongkai.statute.outcomes import APPLICANT_LABELS
from gongkai.workdays.calendar import get_calendar

from . import clockfeed, queries, services
from .applicant_access import keep_new_code, reissue_query_code, take_new_code
from .downloads import attachment_response, docx_response
from .forms import MOVE_FORMS, LedgerImportForm, RegisterForm
from .models import Channel, Document, EventKind, Request, State, missing_year_warning
from .published_years import REPORTED_KINDS


def _filters(request) -> dict:
    g = request.GET
    agency = g.get("agency", "")
    return {"state": g.get("state", queries.OPEN), "year": year_param(g),
            "channel": g.get("channel", ""), "assignee": g.get("assignee", "") or None,
            "applicant_type": g.get("applicant_type", ""), "agency": int(agency) if agency.isdigit() else None}


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
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
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
    form = cls(data, prefix=kind)
    if kind in REPORTED_KINDS:
        form.add_correction_field()
    return form


@login_required
def detail(request, pk):
    req = _get(request, pk)
    return render(request, "disclosure_requests/detail.html", _detail_context(request, req))


def _detail_context(request, req, *, failed=None):
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
            if kind == EventKind.CORRECTED:
                services.correct_reply(req, actor=request.user, day=payload["day"], reason=payload["reason"])
            else:
                services.record_event(req, kind=kind, actor=request.user, **payload)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"已记录：{EventKind(kind).label}")
            return redirect("requests:detail", pk=req.pk)
    context = _detail_context(request, req, failed=(kind, form))
    return render(request, "disclosure_requests/detail.html", context, status=400)


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
def ledger_import(request):
    """All rows or none; the problems name their row and column."""
    from .ledger import LedgerError, import_xlsx

    if not staff_agencies_for(request.user).exists():
        raise PermissionDenied("只有机关工作人员可以导入台账")
    form = LedgerImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            created = import_xlsx(form.cleaned_data["file"].read(), actor=request.user)
        except LedgerError as exc:
            problems = exc.problems
        except DomainError as exc:
            problems = [exc.message]
        else:
            messages.success(request, f"已导入 {len(created)} 件申请")
            return redirect("requests:workbench")
    from . import ledger

    return render(request, "disclosure_requests/ledger_import.html",
                  {"form": form, "problems": problems, "help": ledger.__doc__}, status=400 if problems else 200)


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
