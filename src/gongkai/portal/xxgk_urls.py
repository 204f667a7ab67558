"""/xxgk/: the 政府信息公开 section (国办公开办函〔2019〕61号 layout), one per agency on the platform."""

from django.urls import path

from gongkai.catalog.feeds import ColumnFeed
from gongkai.core.pagecache import by_column, cached_page

from . import views

app_name = "xxgk"

urlpatterns = [
    path("", views.index, name="index"),
    path("search", views.search, name="search"),
    path("item/<int:pk>/", views.item, name="item"),
    path("item/<int:pk>/attachments/<int:attachment_pk>/", views.attachment, name="attachment"),
    path("column/<int:pk>/feed/", cached_page(scope=by_column)(ColumnFeed()), name="column_feed"),
    path("<int:agency_id>/", views.agency_home, name="agency"),
    path("<int:agency_id>/guide/", views.guide, name="guide"),
    path("<int:agency_id>/system/", views.system, name="system"),
    path("<int:agency_id>/fdzdgk/", views.statutory, name="statutory"),
    path("<int:agency_id>/catalog/", views.catalog, name="catalog"),
    path("<int:agency_id>/reports/", views.annual_reports, name="reports"),
    path("<int:agency_id>/feedback/", views.feedback, name="feedback"),
]
