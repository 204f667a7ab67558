"""The site's URLconf plus views that fail on purpose, for the error-page tests."""

from django.db import OperationalError
from django.urls import path

from gongkai.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def boom(request):
    raise RuntimeError("an unexpected bug")


def database_gone(request):
    raise OperationalError("could not connect to server: Connection refused")


urlpatterns = [path("boom/", boom), path("database-gone/", database_gone), *urlpatterns]
