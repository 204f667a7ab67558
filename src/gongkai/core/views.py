from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.cache import cache_control, never_cache

from gongkai.agencies.permissions import agencies_for, can_use_checker
from gongkai.statute.schema import SCHEMA_PATH

from .dashboard import dashboard_panels
from .health import run_checks


@login_required
def home(request):
    """The staff home page: what needs doing today, panel by panel, from every app that has one."""
    agencies = list(agencies_for(request.user).order_by("path"))
    return render(request, "core/home.html", {"agencies": agencies, "panels": dashboard_panels(request, agencies),
                                              "overview_url": _overview_url(request.user)})


def _overview_url(user) -> str:
    """The supervisor's overview of every agency it supervises (reports app), for those who may open it."""
    if not can_use_checker(user):
        return ""
    try:
        return reverse("reports:overview")
    except NoReverseMatch:
        return ""


@cache_control(public=True, max_age=3600)
def annual_report_schema(request):
    """The annual-report JSON Schema at a stable address, for systems that exchange reports as data."""
    response = FileResponse(SCHEMA_PATH.open("rb"), content_type="application/schema+json")
    response["Access-Control-Allow-Origin"] = "*"
    return response


@never_cache
def healthz(request):
    status, body = run_checks()
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def bench_ok(request):
    """The bare view benchmarks compare pages with (bench/bench_pages.py): through every middleware, no work.
    Mounted only when GONGKAI_BENCH_VIEW is set (urls.py), never in a production URL map."""
    return HttpResponse("ok", content_type="text/plain")
