"""Queries of each public page rendered without the page cache: a fixed number, whatever the data holds (no
query per row). A page that grows fails here; the item page stays within 5."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.catalog import services
from gongkai.catalog.models import Column, ColumnKind, Item
from gongkai.catalog.review import Action
from tests.factories import staff
from tests.reports.helpers import make_agency

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _uncached(settings):
    settings.GONGKAI_PAGE_CACHE = False


@pytest.fixture
def site():
    agency = make_agency(name="叶城县宗朗乡人民政府", short_name="宗朗乡")
    make_agency(name="叶城县乌夏克巴什镇人民政府", short_name="乌夏克巴什镇")
    clerk = staff(agency, Role.CLERK)
    reviewers = [staff(agency, role) for role in (Role.REVIEWER_FIRST, Role.REVIEWER_SECOND, Role.REVIEWER_FINAL)]
    columns = [Column.objects.create(agency=agency, name=name, kind=kind) for name, kind in (
        ("财政预决算", ColumnKind.POLICY), ("通知公告", ColumnKind.NOTICE), ("公开制度", ColumnKind.SYSTEM),
        ("政府信息公开工作年度报告", ColumnKind.ANNUAL_REPORT))]

    def publish(title, columns, **data):
        item = services.create_item(agency=agency, author=clerk,
                                    data={"title": title, "column_ids": [c.pk for c in columns], **data})
        review = services.submit_for_review(item=item, user=clerk)
        for reviewer in reviewers:
            review = services.act_on_review(review=review, user=reviewer, action=Action.APPROVE)
        return Item.objects.get(pk=item.pk)

    policy = publish("宗朗乡财政预算公开", columns[:2], art20_item=7, doc_kind="normative", publisher="宗朗乡财政所")
    for n in range(6):
        publish(f"宗朗乡财政资金公示第{n}批", columns[n % 3:n % 3 + 1], art20_item=n + 1, publisher=f"发布机构{n}")
    publish("叶城县宗朗乡2024年政府信息公开工作年度报告", columns[3:])
    publish("关于宗朗乡财政预算公开的解读", columns[1:2], genre="interpretation", interprets_ids=[policy.pk])
    return agency, policy, columns[0]


def _count(client, url, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200, url
    return len(queries)


def test_public_pages_run_a_fixed_small_number_of_queries(client, site):
    agency, item, column = site
    from gongkai.reports.sources import model_or_none

    model_or_none("catalog.Item")  # a process checks once that the table exists; counted here: every later page
    counts = {
        "index": _count(client, reverse("xxgk:index")),
        "agency": _count(client, reverse("xxgk:agency", args=[agency.pk])),
        "guide": _count(client, reverse("xxgk:guide", args=[agency.pk])),
        "system": _count(client, reverse("xxgk:system", args=[agency.pk])),
        "statutory": _count(client, reverse("xxgk:statutory", args=[agency.pk])),
        "catalog": _count(client, reverse("xxgk:catalog", args=[agency.pk])),
        "catalog_filtered": _count(client, reverse("xxgk:catalog", args=[agency.pk]), column=column.pk, year=2026),
        "reports": _count(client, reverse("xxgk:reports", args=[agency.pk])),
        "item": _count(client, reverse("xxgk:item", args=[item.pk])),
        "feed": _count(client, reverse("xxgk:column_feed", args=[column.pk])),
        "search": _count(client, reverse("xxgk:search"), q="财政"),
        "search_agency": _count(client, reverse("xxgk:search"), q="财政", agency=agency.pk),
        "feedback": _count(client, reverse("xxgk:feedback", args=[agency.pk])),
        "ysqgk": _count(client, reverse("ysqgk:form")),
    }
    report = Item.objects.get(title__endswith="年度报告")
    counts["report_item"] = _count(client, reverse("xxgk:item", args=[report.pk]))
    # agency: the agency, latest items, columns, the report column's items and which of them a correction superseded
    limits = {"index": 1, "agency": 4, "guide": 2, "system": 2, "statutory": 3, "catalog": 6, "catalog_filtered": 6,
              "reports": 4, "item": 4, "report_item": 5, "feed": 2, "search": 3, "search_agency": 4, "feedback": 1,
              "ysqgk": 1}
    if connection.vendor == "postgresql":  # the full-text search first reads max(id) to scan id windows
        limits["search"] += 1
        limits["search_agency"] += 1
    assert {page: n for page, n in counts.items() if n > limits[page]} == {}


def test_the_item_page_shows_both_directions_of_an_interpretation(client, site):
    _, policy, _ = site
    interpretation = Item.objects.get(title="关于宗朗乡财政预算公开的解读")
    page = client.get(reverse("xxgk:item", args=[policy.pk])).content.decode()
    assert "相关解读" in page and interpretation.title in page and "解读的政策文件" not in page
    page = client.get(reverse("xxgk:item", args=[interpretation.pk])).content.decode()
    assert "解读的政策文件" in page and policy.title in page and "相关解读" not in page
