"""Publishing an approved report as a catalog item in the agency's annual-report column, when the catalog is there."""

from __future__ import annotations

import logging
import re
from datetime import datetime, time

from django.db import transaction
from django.utils import timezone

from gongkai.core.errors import DomainError
from gongkai.statute.report import Report

from .render.html import render_fragment, report_title
from .sources import model_or_none

log = logging.getLogger(__name__)


def publish_in_catalog(report, data: Report, user) -> int | None:
    """The catalog item's id, or None when the catalog app is not installed yet (the report is still published)."""
    Column, Item = model_or_none("catalog.Column"), model_or_none("catalog.Item")
    if Column is None or Item is None:
        return None
    from gongkai.catalog import services as catalog

    try:
        with transaction.atomic():
            return _publish(report, data, user, Column, catalog)
    except DomainError as exc:  # e.g. the approver may not write catalog items: the report stays published
        log.warning("年度报告未能同步到主动公开目录：%s", exc.message)
        return None


# “叶城县宗朗乡2024年政府信息公开工作年度报告”: the year a report item's title names.
TITLE_YEAR = re.compile(r"(\d{4})年(?:度)?政府信息公开工作年度报告")


def earlier_items(report) -> list[int]:
    """Public items of the agency's annual-report column for the report's year that no platform report owns
    (published by hand or before the platform): the new report replaces them, and the portal shows them only
    as its superseded versions. The items themselves stay public and reachable."""
    Item = model_or_none("catalog.Item")
    if Item is None:
        return []
    from .models import AnnualReport

    owned = set(AnnualReport.objects.filter(agency=report.agency, catalog_item_id__isnull=False)
                .values_list("catalog_item_id", flat=True))
    rows = Item.objects.public().filter(agency=report.agency, columns__kind="annual_report").distinct() \
        .values_list("pk", "title")
    return sorted(pk for pk, title in rows if pk not in owned and _title_year(title) == report.year)


def _title_year(title: str) -> int | None:
    match = TITLE_YEAR.search(title or "")
    return int(match.group(1)) if match else None


def _publish(report, data, user, Column, catalog) -> int:
    column, _ = Column.objects.get_or_create(
        agency=report.agency, name="政府信息公开工作年度报告", defaults={"kind": "annual_report", "art20_item": None})
    item = catalog.create_item(agency=report.agency, author=user, data={
        "title": report_title(data), "body": render_fragment(data), "publisher": report.agency.name,
        "written_on": data.published_on, "column_ids": [column.pk],
    })
    catalog.publish_directly(item=item, when=_publication_time(data), actor_label="年度报告终审通过")
    return item.pk


def _publication_time(data: Report) -> datetime:
    """The report's own publication date (a report approved on an earlier day keeps that day and its 索引号 year)."""
    now = timezone.localtime()
    if data.published_on is None or data.published_on >= now.date():
        return now
    return timezone.make_aware(datetime.combine(data.published_on, time(9, 0)))
