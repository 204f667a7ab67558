from django.urls import path

from . import check_views

app_name = "checker"

urlpatterns = [
    path("", check_views.index, name="index"),
    path("xlsx/", check_views.xlsx, name="xlsx"),
]
