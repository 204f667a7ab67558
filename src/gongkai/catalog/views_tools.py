"""Staff tools: the self-inspection page and catalogue import/export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from gongkai.agencies.permissions import agencies_for, staff_agencies_for
from gongkai.core.errors import DomainError
from gongkai.core.params import id_or_none

from . import importexport
from .forms import ImportForm
from .models import Item
from .selfcheck import run_selfcheck


def _agency(request, agencies):
    wanted = request.GET.get("agency") or request.POST.get("agency")
    if id_or_none(wanted) is not None:
        agency = agencies.filter(pk=id_or_none(wanted)).first()
        if agency is None:
            raise Http404
        return agency
    agency = agencies.first()
    if agency is None:
        raise Http404("您没有可查看的机关")
    return agency


@login_required
def selfcheck(request):
    agencies = agencies_for(request.user)
    agency = _agency(request, agencies)
    today = timezone.localdate()
    return render(request, "catalog/selfcheck.html", {
        "agency": agency, "agencies": agencies, "today": today, "findings": run_selfcheck(agency, today),
    })


def _download(content: bytes, filename: str, mimetype: str) -> HttpResponse:
    response = HttpResponse(content, content_type=mimetype)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response


@login_required
def export_xlsx(request):
    agency = _agency(request, agencies_for(request.user))
    content = importexport.export_xlsx(Item.objects.filter(agency=agency))
    return _download(content, f"catalog-{agency.pk}.xlsx",
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@login_required
def export_json(request):
    agency = _agency(request, agencies_for(request.user))
    return _download(importexport.export_json(Item.objects.filter(agency=agency)), f"catalog-{agency.pk}.json",
                     "application/json")


@login_required
def import_xlsx(request):
    agencies = staff_agencies_for(request.user)
    agency = _agency(request, agencies)
    form, errors = ImportForm(request.POST or None, request.FILES or None), []
    if request.method == "POST" and form.is_valid():
        try:
            created = importexport.import_xlsx(agency=agency, user=request.user,
                                               content=form.cleaned_data["file"])
        except importexport.ImportRejected as exc:
            errors = exc.errors
            messages.error(request, exc.message)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"已导入{created}条草稿，请逐条提交三审")
            return redirect("catalog:items")
    return render(request, "catalog/import.html", {"form": form, "errors": errors, "agency": agency,
                                                   "agencies": agencies})
