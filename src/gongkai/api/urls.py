"""/api/v1/ (the endpoints), /api/schema/ (OpenAPI 3: YAML, or JSON with ?format=json), /api/docs/ (reference page
served from the drf-spectacular-sidecar package: no CDN)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from . import views_items, views_reports, views_requests

app_name = "api"

urlpatterns = [
    path("v1/requests/", views_requests.RequestIntakeView.as_view(), name="requests"),
    path("v1/requests/<str:number>/", views_requests.RequestDetailView.as_view(), name="request-detail"),
    path("v1/requests/<str:number>/supplement/", views_requests.SupplementView.as_view(), name="request-supplement"),
    path("v1/requests/<str:number>/documents/<int:document_id>/", views_requests.DocumentView.as_view(),
         name="request-document"),
    path("v1/items/", views_items.ItemListView.as_view(), name="items"),
    path("v1/items/<int:pk>/", views_items.ItemDetailView.as_view(), name="item-detail"),
    path("v1/reports/<str:agency_code>/<int:year>/", views_reports.ReportView.as_view(), name="report"),
    path("v1/reports/<str:agency_code>/<int:year>/rollup/", views_reports.RollupView.as_view(), name="report-rollup"),
    path("v1/check/", views_reports.CheckView.as_view(), name="check"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
]
