"""Staff pages: report index with status and countdown, the roll-up, the draft editor, preview and downloads."""

from __future__ import annotations

from collections import Counter
from importlib import import_module

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies.models import Agency
from gongkai.agencies.permissions import agencies_for, can_supervise
from gongkai.core.errors import PermissionDenied
from gongkai.core.params import check_year, year_param
from gongkai.statute.report import check_arithmetic

from .build import build_rollup
from .figures import enter_figures, import_figures
from .forms import FiguresForm, ImportForm, SectionsForm
from .models import AnnualReport, ArticleTwentyFigures, ReportState
from .permissions import can_edit_report, can_view_report
from .published_check import ensure_checked
from .queries import (
    STATUS_BADGES,
    STATUS_LABELS,
    deadline_for,
    series_table,
    statuses_for,
    working_report,
    yearly_series,
)
from .render.html import render_fragment
from .render.layout import applications_table
from .services import (
    available_actions,
    differences,
    report_data,
    review_report,
    save_sections,
    start_correction,
    start_report,
    submit_report,
)
from .transitions import ACTION_LABELS, SIGN_OFF_LABEL, Action


def _year(request) -> int:
    return year_param(request.GET, default=timezone.localdate().year - 1, label="报告年度")


@login_required
def index(request):
    year, today = _year(request), timezone.localdate()
    agencies = list(agencies_for(request.user))
    statuses = statuses_for(agencies, year, today)
    supervised = [a for a in agencies if a.children.exists() and can_supervise(request.user, a)]
    rollup = chart = None
    if supervised:
        subtree = Agency.objects.filter(path__startswith=supervised[0].path)
        rollup = applications_table(build_rollup(subtree, year))
        years = list(range(year - 4, year + 1))
        chart = yearly_series(subtree, years)
    counts = Counter(s.key for s in statuses)
    summary = [(STATUS_LABELS[key], STATUS_BADGES[key], counts[key]) for key in STATUS_LABELS if counts[key]]
    return render(request, "reports/index.html", {
        "year": year, "years": list(range(today.year, today.year - 6, -1)), "statuses": statuses,
        "summary": summary, "late": [s for s in statuses if s.key == "late"],
        "rollup": rollup, "chart": chart, "chart_table": series_table(chart) if chart else None,
        "supervised": supervised[0] if supervised else None,
    })


def _agency_for(request, agency_id, year):
    check_year(year, label="报告年度")
    agency = get_object_or_404(Agency, pk=agency_id)
    if not can_view_report(request.user, agency):
        raise PermissionDenied("您无权查看该机关的年度报告")
    return agency


@login_required
def detail(request, agency_id, year):
    agency = _agency_for(request, agency_id, year)
    report = working_report(agency, year)
    context = {"agency": agency, "year": year, "report": report, "deadline": deadline_for(agency, year),
               "can_edit": can_edit_report(request.user, agency),
               "days_left": (deadline_for(agency, year) - timezone.localdate()).days}
    if report is not None:
        ensure_checked([report])  # a report published before the checker result was kept: run it once
        data = report_data(report)
        figures = ArticleTwentyFigures.objects.filter(agency=agency, year=year).first()
        context.update({
            "document": render_fragment(data), "findings": check_arithmetic(data),
            "actions": [(a.value, _action_label(report, a)) for a in available_actions(report, request.user)],
            "superseded": AnnualReport.objects.filter(agency=agency, year=year, state=ReportState.SUPERSEDED)
            .order_by("-superseded_on", "-pk"),
            "form": SectionsForm(initial={"overview": report.overview, "problems": report.problems,
                                          "other": report.other}),
            "figures_form": FiguresForm(initial=figures.__dict__ if figures else None), "figures": figures,
            "import_form": ImportForm(), "versions": report.versions.all()[:20],
            "steps": report.review_steps.all(), "differences": differences(report),
        })
    return render(request, "reports/detail.html", context)


def _action_label(report, action) -> str:
    return SIGN_OFF_LABEL if report.state == ReportState.SIGN_OFF and action == Action.APPROVE \
        else ACTION_LABELS[action]


@login_required
@require_POST
def start(request, agency_id, year):
    agency = _agency_for(request, agency_id, year)
    start_report(agency=agency, year=year, actor=request.user)
    messages.success(request, "已根据平台数据起草报告，请核对并修改文字部分。")
    return redirect("reports:detail", agency_id=agency.pk, year=year)


def _report(request, agency_id, year):
    report = working_report(_agency_for(request, agency_id, year), year)
    if report is None:
        raise Http404
    return report


@login_required
@require_POST
def correct(request, agency_id, year):
    """更正 of the published report: a new draft of the year that supersedes it once signed off."""
    report = _report(request, agency_id, year)
    start_correction(report=report, actor=request.user, reason=request.POST.get("reason", ""))
    messages.success(request, "已创建更正稿，修改后按三审及负责人签发发布；发布后原报告标注为已被更正。")
    return redirect("reports:detail", agency_id=agency_id, year=year)


@login_required
@require_POST
def save(request, agency_id, year):
    report = _report(request, agency_id, year)
    form = SectionsForm(request.POST)
    if form.is_valid():
        version = save_sections(report=report, actor=request.user, **form.cleaned_data)
        messages.success(request, f"已保存为第{version.number}版。")
    return redirect("reports:detail", agency_id=agency_id, year=year)


@login_required
@require_POST
def act(request, agency_id, year):
    report = _report(request, agency_id, year)
    action = request.POST.get("action")
    if action == Action.SUBMIT:
        submit_report(report=report, user=request.user)
        messages.success(request, "已提交初审。")
    else:
        report = review_report(report=report, user=request.user, action=action, comment=request.POST.get("comment", ""))
        messages.success(request, f"已处理，报告现为“{report.get_state_display()}”。")
    return redirect("reports:detail", agency_id=agency_id, year=year)


@login_required
@require_POST
def figures(request, agency_id, year):
    agency = _agency_for(request, agency_id, year)
    if "file" in request.FILES:
        upload = request.FILES["file"]
        rows = import_figures(content=upload.read(), filename=upload.name, actor=request.user)
        messages.success(request, f"已导入 {len(rows)} 行第二十条数据。")
    else:
        form = FiguresForm(request.POST)
        if form.is_valid():
            enter_figures(agency=agency, year=year, actor=request.user, **form.cleaned_data)
            messages.success(request, "已保存第二十条数据。")
        else:
            messages.error(request, "数据格式有误：" + "；".join(str(e) for e in form.errors.values()))
    return redirect("reports:detail", agency_id=agency.pk, year=year)


@login_required
def preview(request, agency_id, year):
    report = _report(request, agency_id, year)
    return render(request, "reports/preview.html", {"report": report, "document": render_fragment(report_data(report))})


@login_required
def download(request, agency_id, year, fmt):
    if fmt not in ("json", "html", "docx", "pdf"):
        raise Http404
    report = _report(request, agency_id, year)
    filename, mimetype, content = import_module(f"gongkai.reports.render.{fmt}").render(report_data(report))
    response = HttpResponse(content, content_type=mimetype)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(filename)}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)
