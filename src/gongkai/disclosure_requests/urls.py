from django.urls import path

from . import views

app_name = "requests"

urlpatterns = [
    path("", views.workbench, name="workbench"),
    path("register/", views.register, name="register"),
    path("register/history/", views.history, name="history"),
    path("ledger.xlsx", views.ledger_export, name="ledger"),
    path("ledger/import/", views.ledger_import, name="ledger_import"),
    path("ledger/import/<int:pk>/", views.ledger_import_job, name="ledger_import_job"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/act/", views.act, name="act"),
    path("<int:pk>/supplement-due/", views.supplement_due, name="supplement_due"),
    path("<int:pk>/preview/", views.preview, name="preview"),
    path("<int:pk>/disclosed/", views.attach_disclosed, name="attach_disclosed"),
    path("<int:pk>/disclosed/<int:f>/", views.disclosed_file, name="disclosed_file"),
    path("<int:pk>/receipt/", views.receipt, name="receipt"),
    path("<int:pk>/query-code/", views.new_query_code, name="new_query_code"),
    path("<int:pk>/documents/<int:doc>/", views.document, name="document"),
    path("<int:pk>/attachments/<int:att>/", views.attachment, name="attachment"),
]
