"""Dashboard panels: each app may offer `dashboard.panel(request, agencies)` returning a dict or None."""

from importlib import import_module
from importlib.util import find_spec

PANEL_MODULES = (
    "gongkai.disclosure_requests.dashboard",
    "gongkai.catalog.dashboard",
    "gongkai.reports.dashboard",
)


def dashboard_panels(request, agencies) -> list[dict]:
    """Each panel: {"title", "template", ...context}."""
    panels = []
    for name in PANEL_MODULES:
        if find_spec(name) is not None:
            panel = import_module(name).panel(request, agencies)
            if panel:
                panels.append(panel)
    return panels
