"""Public pages from the page cache (core/pagecache.py): served without a query when nothing changed, fresh the
next request after any change, never personal. A page served from the cache runs no database query."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.catalog import services
from gongkai.catalog.models import Column, ColumnKind, Item
from gongkai.catalog.review import Action
from gongkai.disclosure_requests.models import Request
from gongkai.reports import services as reports
from gongkai.reports.transitions import Action as ReportAction
from tests.factories import staff
from tests.reports.helpers import make_agency

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency():
    found = make_agency(name="叶城县宗朗乡人民政府", short_name="宗朗乡")
    found.office_phone = "0998-7561001"
    found.save()
    return found


@pytest.fixture
def people(agency):
    roles = {"clerk": Role.CLERK, "first": Role.REVIEWER_FIRST, "second": Role.REVIEWER_SECOND,
             "final": Role.REVIEWER_FINAL, "head": Role.HEAD}
    return {name: staff(agency, role) for name, role in roles.items()}


@pytest.fixture
def column(agency):
    return Column.objects.create(agency=agency, name="财政预决算", kind=ColumnKind.POLICY)


def _through_review(people, item, action=Action.APPROVE, **kwargs):
    review = services.submit_for_review(item=item, user=people["clerk"])
    for level in ("first", "second"):
        review = services.act_on_review(review=review, user=people[level], action=Action.APPROVE)
    return services.act_on_review(review=review, user=people["final"], action=action, **kwargs)


@pytest.fixture
def publish(agency, people, column):
    def run(title, **data):
        item = services.create_item(agency=agency, author=people["clerk"],
                                    data={"title": title, "column_ids": [column.pk], **data})
        _through_review(people, item)
        return Item.objects.get(pk=item.pk)
    return run


def get(client, url, **params):
    """The page, and how many queries it took (0: served from the page cache)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode(), len(queries)


def _unmasked(page: str) -> str:
    """The page without its CSRF token (masked afresh in every response)."""
    return re.sub(r'"X-CSRFToken": "[^"]+"', "", page)


def pages(agency, item):
    return [reverse("xxgk:agency", args=[agency.pk]), reverse("xxgk:catalog", args=[agency.pk]),
            reverse("xxgk:item", args=[item.pk])]


def test_publication_edit_and_withdrawal_show_on_the_next_request(client, agency, people, publish, column):
    make_agency(name="叶城县乌夏克巴什镇人民政府", short_name="乌夏克巴什镇")  # the index lists both
    item = publish("2024年财政预算公开")
    index = reverse("xxgk:index")
    assert "已公开 1 条" in get(client, index)[0] and get(client, index)[1] == 0
    for url in pages(agency, item):
        first, queries = get(client, url)
        assert "2024年财政预算公开" in first and queries > 0
        again, queries = get(client, url)
        assert _unmasked(again) == _unmasked(first) and queries == 0, url  # from the cache

    second = publish("2025年财政预算公开")
    assert "已公开 2 条" in get(client, index)[0]
    assert "2025年财政预算公开" in get(client, reverse("xxgk:agency", args=[agency.pk]))[0]
    assert "2025年财政预算公开" in get(client, reverse("xxgk:catalog", args=[agency.pk]))[0]

    # An edit shows only once it passed 三审; until then the cached page is still right.
    services.save_draft(item=item, author=people["clerk"], data={"title": "2024年财政预算公开（修订）",
                                                                 "column_ids": [column.pk]})
    review = services.submit_for_review(item=item, user=people["clerk"])
    review = services.act_on_review(review=review, user=people["first"], action=Action.APPROVE)
    review = services.act_on_review(review=review, user=people["second"], action=Action.APPROVE)
    assert "（修订）" not in get(client, reverse("xxgk:item", args=[item.pk]))[0]
    services.act_on_review(review=review, user=people["final"], action=Action.APPROVE)
    for url in pages(agency, item):
        assert "2024年财政预算公开（修订）" in get(client, url)[0], url

    services.withdraw_item(item=second, user=people["final"], reason="内容有误")
    assert client.get(reverse("xxgk:item", args=[second.pk])).status_code == 404
    assert "已公开 1 条" in get(client, index)[0]
    for url in pages(agency, item):
        assert "2025年财政预算公开" not in get(client, url)[0], url


def test_scheduled_publishing_shows_when_the_job_publishes(client, agency, people, column):
    item = services.create_item(agency=agency, author=people["clerk"],
                                data={"title": "宗朗乡防汛应急预案", "column_ids": [column.pk]})
    _through_review(people, item, action=Action.SCHEDULE, publish_at=timezone.now() + timedelta(hours=1))
    home = reverse("xxgk:agency", args=[agency.pk])
    assert "防汛应急预案" not in get(client, home)[0]
    assert get(client, home)[1] == 0
    services.publish_scheduled(now=timezone.now() + timedelta(hours=2))
    assert "防汛应急预案" in get(client, home)[0]


def test_a_column_or_agency_change_shows_on_the_next_request(client, agency, publish, column):
    item = publish("2024年财政预算公开")
    item_url, guide = reverse("xxgk:item", args=[item.pk]), reverse("xxgk:guide", args=[agency.pk])
    assert "财政预决算" in get(client, item_url)[0] and "财政预决算" in get(client, guide)[0]
    column.name = "财政资金"
    column.save()
    assert "财政资金" in get(client, item_url)[0] and "财政资金" in get(client, guide)[0]
    assert "0998-7561001" in get(client, guide)[0]
    agency.office_phone = "0998-7560000"
    agency.save()
    assert "0998-7560000" in get(client, guide)[0]
    assert "0998-7560000" in get(client, item_url)[0]  # the footer


def test_one_agencys_change_leaves_another_agencys_pages_cached(client, agency, publish):
    other = make_agency(name="叶城县乌夏克巴什镇人民政府", short_name="乌夏克巴什镇")
    url = reverse("xxgk:agency", args=[other.pk])
    get(client, url)
    search = reverse("xxgk:search")
    assert "找到 1 条结果" not in get(client, search, q="预算")[0]
    item = publish("2024年财政预算公开")
    assert get(client, url)[1] == 0
    assert reverse("xxgk:item", args=[item.pk]) in get(client, search, q="预算")[0]  # across agencies: fresh


def test_a_published_annual_report_shows_on_the_next_request(client, agency, people):
    listing = reverse("xxgk:reports", args=[agency.pk])
    assert "暂无信息" in get(client, listing)[0]
    report = reports.start_report(agency=agency, year=2024, actor=people["clerk"])
    reports.save_sections(report=report, actor=people["clerk"], overview=report.overview,
                          problems="（一）存在问题：无。\n（二）改进措施：加强培训。", other=report.other)
    reports.submit_report(report=report, user=people["clerk"])
    for level in ("first", "second", "final"):
        report = reports.review_report(report=report, user=people[level], action=ReportAction.APPROVE,
                                       today=date(2025, 1, 20))
    assert "暂无信息" in get(client, listing)[0]  # not published before the head signs off
    report = reports.review_report(report=report, user=people["head"], action=ReportAction.APPROVE,
                                   today=date(2025, 1, 20))
    page = get(client, listing)[0]
    assert f"{agency.name}2024年政府信息公开工作年度报告" in page
    assert f"{agency.name}2024年政府信息公开工作年度报告" in get(client, reverse("xxgk:agency", args=[agency.pk]))[0]


def test_a_staff_users_page_is_never_served_to_an_anonymous_visitor_nor_the_reverse(agency, people):
    anonymous, clerk = Client(), Client()
    clerk.force_login(people["clerk"])
    form = reverse("ysqgk:form")
    assert "工作人员登录" in get(anonymous, form)[0]  # stored
    staff_page = get(clerk, form)[0]
    assert "工作台" in staff_page and "工作人员登录" not in staff_page
    assert "工作台" not in get(anonymous, form)[0] and "工作台" in get(clerk, form)[0]
    fresh = Client()
    assert "工作台" not in get(fresh, form)[0] and get(fresh, form)[1] == 0


def _nonce(response) -> str:
    return re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)


def test_each_response_of_a_cached_form_has_its_own_csrf_token_nonce_and_form_token(agency):
    seen = []
    for _ in range(3):
        client = Client(enforce_csrf_checks=True)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("ysqgk:form"))
        page = response.content.decode()
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        token = re.search(r'name="token" value="([^"]+)"', page).group(1)
        nonces = set(re.findall(r'nonce="([^"]+)"', page))
        assert nonces == {_nonce(response)}  # the style and the script carry this response's nonce
        assert '"X-CSRFToken"' not in page and "gkpc" not in page  # htmx's header is for staff pages
        assert "Cookie" in response["Vary"] and "csrftoken" in response.cookies
        seen.append((csrf, token, _nonce(response), len(queries)))
    assert [q for *_, q in seen][1:] == [0, 0]
    for i in range(3):
        assert len({row[i] for row in seen}) == 3


def test_a_cached_page_without_a_form_sets_no_csrf_cookie(agency):
    """Only a page with a POST form gives an anonymous visitor a CSRF token (and its cookie)."""
    for _ in range(2):
        response = Client().get(reverse("xxgk:catalog", args=[agency.pk]))
        assert response.status_code == 200 and "csrftoken" not in response.cookies
        assert "X-CSRFToken" not in response.content.decode()


def test_the_form_posts_from_a_cached_shell(agency):
    Client().get(reverse("ysqgk:form"))  # stores the shell
    client = Client(enforce_csrf_checks=True)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("ysqgk:form")).content.decode()
    assert len(queries) == 0
    fields = dict(re.findall(r'name="(csrfmiddlewaretoken|token)" value="([^"]+)"', page))
    response = client.post(reverse("ysqgk:form"), {
        **fields, "agency": agency.pk, "applicant_type": "natural_person", "applicant_name": "张三",
        "id_type": "resident_id", "id_number": "11010519491231002X", "phone": "13800000000",
        "email": "zhangsan@example.com", "description": "2024年宗朗乡惠民补贴资金发放名单",
        "form_wanted": "email", "delivery": "email"})
    assert response.status_code == 302 and response["Location"] == reverse("ysqgk:receipt")
    assert Request.objects.filter(agency=agency, applicant_name="张三").count() == 1


def test_headers_of_a_cached_page_are_those_of_a_rendered_one(client, agency, publish):
    item = publish("2024年财政预算公开")
    for url in (reverse("xxgk:item", args=[item.pk]), reverse("xxgk:column_feed", args=[item.columns.get().pk])):
        rendered, cached = client.get(url), client.get(url)
        for header in ("Content-Type", "Vary", "X-Frame-Options", "Permissions-Policy"):
            assert rendered.get(header) == cached.get(header), (url, header)
        assert _unmasked(rendered.content.decode()) == _unmasked(cached.content.decode())


def test_other_query_parameters_and_a_lost_generation_are_rendered_afresh(client, agency, publish):
    from django.core.cache import caches

    publish("2024年财政预算公开")
    catalog = reverse("xxgk:catalog", args=[agency.pk])
    get(client, catalog, topic="general")
    assert get(client, catalog, topic="general")[1] == 0
    assert get(client, catalog, topic="general", utm="x")[1] > 0  # not the view's parameter: never stored
    assert get(client, catalog, topic="general", utm="x")[1] > 0
    caches["pages"].delete(f"gen:agency:{agency.pk}")  # evicted: comes back as a new value, not an old one
    assert get(client, catalog, topic="general")[1] > 0


def test_a_workers_recent_pages_stay_within_their_byte_budget_least_recent_out_first():
    from gongkai.core.pagecache import _RecentPages

    recent = _RecentPages(budget=800)
    for n in range(8):
        recent.put(f"page:{n}", (b"x" * 100, []))
    assert recent.get("page:0") is not None  # used again: now the most recent
    recent.put("page:8", (b"y" * 100, []))
    assert recent.used <= 800 and recent.get("page:1") is None and recent.get("page:0") is not None
    recent.put("page:big", (b"z" * 101, []))  # over an eighth of the budget: never kept, always read from the cache
    assert recent.get("page:big") is None
