"""GET /api/v1/items/ and /api/v1/items/{id}/: published 主动公开 items only, no token, filters for harvesting."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from gongkai.api import throttles
from gongkai.catalog import services as catalog
from gongkai.catalog.models import Item, Openness

from .conftest import SHANGHAI

pytestmark = pytest.mark.django_db


def at(day, hour=10):
    return datetime(2026, 3, day, hour, 0, tzinfo=SHANGHAI)


def titles(response):
    return [r["title"] for r in response.json()["results"]]


def test_only_published_proactive_items_are_listed_newest_first(anon, publisher, agency):
    publisher("惠民补贴发放公示", when=at(3), art20_item=11, doc_number="宗政发〔2026〕3号")
    publisher("乡村振兴衔接项目计划", when=at(5), art20_item=3)
    publisher("依申请公开的信息", when=at(6), openness=Openness.ON_REQUEST)
    catalog.create_item(agency=agency, author=publisher.author, data={"title": "草稿"})
    response = anon.get("/api/v1/items/")
    assert response.status_code == 200
    assert titles(response) == ["乡村振兴衔接项目计划", "惠民补贴发放公示"]
    first = response.json()["results"][1]
    assert first["index_number"].endswith("/2026-00001")
    assert first["agency"] == "叶城县宗朗乡人民政府" and first["agency_code"] == agency.uscc
    assert first["doc_number"] == "宗政发〔2026〕3号" and first["art20_item"] == 11
    assert first["published_at"] == "2026-03-03T10:00:00+08:00"
    assert first["columns"] == [{"id": publisher.column.pk, "name": "惠民政策"}]
    assert first["html_url"] == f"http://testserver/xxgk/item/{first['id']}/"


def test_filters_agency_column_article_and_dates(anon, publisher, agency, other_agency):
    publisher("三月三日", when=at(3), art20_item=11)
    publisher("三月五日", when=at(5), art20_item=3)
    publisher("三月九日", when=at(9, hour=23), art20_item=11)
    get = lambda **q: titles(anon.get("/api/v1/items/", q))  # noqa: E731
    assert get(agency=agency.uscc) == ["三月九日", "三月五日", "三月三日"]
    assert get(agency=str(agency.pk)) == ["三月九日", "三月五日", "三月三日"]
    assert get(agency=other_agency.uscc) == []
    assert get(column=publisher.column.pk, art20=11) == ["三月九日", "三月三日"]
    assert get(published_from="2026-03-04", published_to="2026-03-09") == ["三月九日", "三月五日"]  # Beijing days
    assert get(published_to="2026-03-03") == ["三月三日"]


def test_cursor_pages_walk_every_item_once(anon, publisher):
    for day in range(1, 8):
        publisher(f"第{day}条", when=at(day))
    seen, url = [], "/api/v1/items/?page_size=3"
    while url:
        body = anon.get(url).json()
        seen += [r["title"] for r in body["results"]]
        url = body["next"]
    assert seen == [f"第{d}条" for d in range(7, 0, -1)]


def test_updated_since_harvests_changes_in_order(anon, publisher):
    old = publisher("早先发布", when=at(1))
    Item.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=30))
    mark = timezone.now() - timedelta(days=1)
    publisher("新发布", when=at(2))
    body = anon.get("/api/v1/items/", {"updated_since": mark.isoformat(), "order": "updated_at"}).json()
    assert [r["title"] for r in body["results"]] == ["新发布"]
    everything = anon.get("/api/v1/items/", {"order": "updated_at"}).json()
    assert [r["title"] for r in everything["results"]] == ["早先发布", "新发布"]


def test_withdrawal_takes_an_item_off_the_list_and_moves_its_update_time(anon, publisher, agency):
    from gongkai.agencies.models import Role
    from tests.factories import staff

    item = publisher("将被撤稿", when=at(1))
    before = Item.objects.get(pk=item.pk).updated_at
    catalog.withdraw_item(item=item, user=staff(agency, Role.HEAD), reason="内容有误")
    assert Item.objects.get(pk=item.pk).updated_at > before
    assert titles(anon.get("/api/v1/items/")) == []
    assert anon.get(f"/api/v1/items/{item.pk}/").status_code == 404


@pytest.mark.parametrize("query, field, message", [
    ({"art20": "16"}, "art20", "art20 应为1至15的整数"),
    ({"column": "x"}, "column", "column 应为栏目编号（整数）"),
    ({"published_from": "2026-13-01"}, "published_from", "published_from 格式应为 YYYY-MM-DD"),
    ({"published_from": "2026-03-05", "published_to": "2026-03-01"}, "published_to",
     "published_to 不能早于 published_from"),
    ({"updated_since": "昨天"}, "updated_since", "updated_since 格式应为 ISO 8601，如 2026-01-01T00:00:00+08:00"),
    ({"order": "title"}, "order", "order 应为 -published_at 或 updated_at"),
    ({"page_size": "500"}, "page_size", "page_size 应为1至200的整数"),
    ({"agency": "999999"}, "agency", "未找到代码为“999999”的机关"),
])
def test_bad_filters_get_400_with_a_chinese_message(anon, query, field, message):
    response = anon.get("/api/v1/items/", query)
    assert response.status_code == 400
    assert response.json()["errors"] == {field: [message]}


def test_a_forged_cursor_is_a_chinese_404(anon):
    response = anon.get("/api/v1/items/?cursor=bm9uc2Vuc2U")
    assert response.status_code == 404
    assert response.json() == {"detail": "翻页游标无效，请使用上一页结果中的 next 地址"}


def test_detail_has_the_information_head_and_public_attachment_links(anon, publisher, agency):
    policy = publisher("宗朗乡惠民补贴管理办法", when=at(3), doc_kind="normative", doc_number="宗政发〔2026〕1号",
                       written_on="2026-03-01", attachment="管理办法.pdf", summary="补贴对象和标准")
    reading = publisher("《宗朗乡惠民补贴管理办法》政策解读", when=at(4), interprets_ids=[policy.pk],
                        genre="interpretation")
    body = anon.get(f"/api/v1/items/{policy.pk}/").json()
    assert body["index_number"] == policy.index_number
    assert (body["doc_kind"], body["validity"], body["invalid_on"]) == ("normative", "valid", None)
    assert body["written_on"] == "2026-03-01" and body["summary"] == "补贴对象和标准"
    [attachment] = body["attachments"]
    assert attachment["name"] == "管理办法.pdf"
    assert attachment["url"] == f"http://testserver/xxgk/item/{policy.pk}/attachments/{attachment['id']}/"
    assert anon.get(attachment["url"]).status_code == 200
    assert body["interpretations"] == [{"id": reading.pk, "title": reading.title}]
    assert anon.get(f"/api/v1/items/{reading.pk}/").json()["interprets"] == [{"id": policy.pk, "title": policy.title}]


def test_an_unpublished_item_is_404(anon, publisher, agency):
    draft = catalog.create_item(agency=agency, author=publisher.author, data={"title": "草稿"})
    response = anon.get(f"/api/v1/items/{draft.pk}/")
    assert response.status_code == 404
    assert response.json() == {"detail": "未找到该信息，或该信息未公开"}


def test_calls_without_a_token_are_limited_per_address(anon, monkeypatch):
    monkeypatch.setattr(throttles.AnonRateThrottle, "rate", "3/min", raising=False)
    codes = [anon.get("/api/v1/items/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    response = anon.get("/api/v1/items/")
    assert response.json()["detail"].startswith("调用过于频繁，请") and int(response["Retry-After"]) > 0
    other = anon.get("/api/v1/items/", REMOTE_ADDR="10.0.0.2")
    assert other.status_code == 200


def test_each_token_has_its_own_limit(intake_token, read_token, monkeypatch):
    from .conftest import client_for

    intake_token.token.rate_per_minute = 2
    intake_token.token.save()
    limited = client_for(intake_token)
    assert [limited.get("/api/v1/items/").status_code for _ in range(3)] == [200, 200, 429]
    assert client_for(read_token).get("/api/v1/items/").status_code == 200


def test_the_fast_list_representation_is_what_the_declared_fields_give(anon, publisher):
    from rest_framework.test import APIRequestFactory

    from gongkai.api.serializers_items import ItemSerializer

    publisher("惠民补贴发放公示", when=at(3), art20_item=11, doc_number="宗政发〔2026〕3号", written_on="2026-03-01")
    publisher("无栏目无日期")
    request = APIRequestFactory().get("/api/v1/items/")
    for item in Item.objects.public().select_related("agency").prefetch_related("columns"):
        serializer = ItemSerializer(context={"request": request})
        assert serializer.to_representation(item) == serializer.field_by_field(item)
