from django.urls import path

from . import views, views_tools

app_name = "catalog"

urlpatterns = [
    path("", views.items, name="items"),
    path("new/", views.item_new, name="item_new"),
    path("<int:pk>/", views.item_detail, name="item"),
    path("<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("<int:pk>/submit/", views.item_submit, name="item_submit"),
    path("<int:pk>/withdraw/", views.item_withdraw, name="item_withdraw"),
    path("<int:pk>/posting/", views.item_posting, name="item_posting"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.attachment_download, name="attachment"),
    path("<int:pk>/attachments/<int:attachment_pk>/remove/", views.attachment_remove, name="attachment_remove"),
    path("<int:pk>/attachments/<int:attachment_pk>/restore/", views.attachment_restore, name="attachment_restore"),
    path("inbox/", views.inbox, name="inbox"),
    path("reviews/<int:pk>/", views.review_detail, name="review"),
    path("feedback/", views.feedback_inbox, name="feedback"),
    path("feedback/<int:pk>/reply/", views.feedback_reply, name="feedback_reply"),
    path("selfcheck/", views_tools.selfcheck, name="selfcheck"),
    path("export.xlsx", views_tools.export_xlsx, name="export_xlsx"),
    path("export.json", views_tools.export_json, name="export_json"),
    path("import/", views_tools.import_xlsx, name="import"),
]
