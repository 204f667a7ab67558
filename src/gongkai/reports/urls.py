from django.urls import path

from . import overview_views, views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("overview/", overview_views.overview, name="overview"),
    path("overview.xlsx", overview_views.overview_xlsx, name="overview_xlsx"),
    path("<int:agency_id>/<int:year>/", views.detail, name="detail"),
    path("<int:agency_id>/<int:year>/start/", views.start, name="start"),
    path("<int:agency_id>/<int:year>/save/", views.save, name="save"),
    path("<int:agency_id>/<int:year>/act/", views.act, name="act"),
    path("<int:agency_id>/<int:year>/correct/", views.correct, name="correct"),
    path("<int:agency_id>/<int:year>/figures/", views.figures, name="figures"),
    path("<int:agency_id>/<int:year>/preview/", views.preview, name="preview"),
    path("<int:agency_id>/<int:year>/download/<str:fmt>/", views.download, name="download"),
]
