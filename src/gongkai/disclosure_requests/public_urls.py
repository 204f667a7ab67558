from django.urls import path

from . import public_views as views

app_name = "ysqgk"

urlpatterns = [
    path("", views.request_form, name="form"),
    path("receipt/", views.receipt, name="receipt"),
    path("matches/", views.matches, name="matches"),
    path("query/", views.query, name="query"),
    path("query/status/", views.status, name="status"),
    path("query/supplement/", views.supplement, name="supplement"),
    path("query/withdraw/", views.withdraw, name="withdraw"),
    path("query/documents/<int:doc>/", views.document, name="document"),
    path("query/attachments/<int:att>/", views.attachment, name="attachment"),
    path("query/disclosed/<int:f>/", views.disclosed_file, name="disclosed_file"),
]
