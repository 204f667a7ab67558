import os
from importlib.util import find_spec

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from gongkai.core import views as core_views

admin.site.site_header = "政府信息公开平台 · 管理后台"
admin.site.site_title = "政府信息公开平台"
admin.site.index_title = "基础数据管理"

# Chinese error pages in the site's layout (gongkai.core.error_views); a database outage answers 503.
handler400 = "gongkai.core.error_views.bad_request"
handler403 = "gongkai.core.error_views.permission_denied"
handler404 = "gongkai.core.error_views.page_not_found"
handler500 = "gongkai.core.error_views.server_error"

urlpatterns = [
    path("", core_views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(template_name="core/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico whatever the page links: send them to the static file, never a 404.
    path("favicon.ico", RedirectView.as_view(url=static("gongkai/img/favicon.ico"), permanent=True), name="favicon"),
    path("healthz", core_views.healthz, name="healthz"),
    path("schema/annual-report.schema.json", core_views.annual_report_schema, name="annual-report-schema"),
]

# Each app that has pages mounts its own urls module; the order sets precedence.
APP_URLS = (
    ("", "gongkai.portal.urls"),
    ("staff/requests/", "gongkai.disclosure_requests.urls"),
    ("staff/catalog/", "gongkai.catalog.urls"),
    ("staff/reports/", "gongkai.reports.urls"),
    ("staff/appeals/", "gongkai.appeals.urls"),
    ("staff/check/", "gongkai.reports.check_urls"),
    ("api/", "gongkai.api.urls"),
)
for prefix, module in APP_URLS:
    if find_spec(module) is not None:
        urlpatterns.append(path(prefix, include(module)))

if os.environ.get("GONGKAI_BENCH_VIEW"):  # bench/bench_pages.py only: the bare view pages are compared with
    urlpatterns.append(path("bench/ok", core_views.bench_ok))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
