from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from gongkai.agencies.permissions import agencies_for

from .dashboard import dashboard_panels


@login_required
def home(request):
    """The staff home page: what needs doing today, panel by panel, from every app that has one."""
    agencies = list(agencies_for(request.user).order_by("path"))
    return render(request, "core/home.html", {"agencies": agencies, "panels": dashboard_panels(request, agencies)})
