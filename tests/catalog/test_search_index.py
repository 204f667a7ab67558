import pytest
from django.db import connection

from gongkai.agencies.models import Role
from gongkai.catalog import search, search_postgres, services
from gongkai.catalog.models import Item, Openness
from gongkai.catalog.search import search_ids
from gongkai.catalog.search_terms import Filters, segment
from tests.factories import AgencyFactory, staff


def test_count_is_capped_and_only_the_newest_candidates_are_ranked(monkeypatch, make_item, walk):
    monkeypatch.setattr(search, "CANDIDATES", 3)
    items = []
    for n in range(5):
        items.append(make_item(title=f"低保资金发放公示第{n}批"))
        walk(items[-1])
    page = search_ids("低保", limit=10)
    assert page.capped and page.total == 3
    assert sorted(page.ids) == sorted(i.pk for i in items[-3:])
    assert search_ids("低保", limit=2, offset=2).ids == page.ids[2:3]


def test_small_hit_sets_are_exact_and_ranked_by_relevance(make_item, walk):
    once = make_item(title="低保政策问答", body="<p>办理流程见附件。</p>")
    often = make_item(title="低保", summary="低保 低保 城乡低保标准")
    walk(once)
    walk(often)
    page = search_ids("低保")
    assert not page.capped and page.total == 2 and page.ids == [often.pk, once.pk]


def test_agency_filter_uses_the_index_and_keeps_other_agencies_out(agency, make_item, walk, clerk):
    ours = make_item(title="财政预算公开")
    walk(ours)
    other = AgencyFactory(name="叶城县乌夏巴什镇人民政府", short_name="乌夏巴什镇")
    draft = services.create_item(agency=other, author=staff(other, Role.CLERK), data={"title": "财政决算公开"})
    theirs = services.publish_directly(item=draft, when=Item.objects.get(pk=ours.pk).published_at)
    assert sorted(search_ids("财政").ids) == sorted([ours.pk, theirs.pk])
    assert search_ids("财政", Filters(agency_id=agency.pk)).ids == [ours.pk]
    assert search_ids("财政", Filters(agency_id=other.pk)).ids == [theirs.pk]


def test_a_published_edit_is_found_by_its_new_words_and_not_by_the_old_ones(agency, make_item, walk, clerk):
    item = make_item(title="2024年防汛应急演练通知")
    walk(item)
    data = {"title": "2024年民族团结走访通知", "openness": Openness.PROACTIVE}
    services.save_draft(item=Item.objects.get(pk=item.pk), author=clerk, data=data)
    assert search_ids("防汛").ids == [item.pk]  # the approved version stays public until the edit passes
    walk(Item.objects.get(pk=item.pk))
    assert search_ids("防汛").ids == [] and search_ids("民族团结").ids == [item.pk]


def test_an_item_turned_not_public_leaves_the_index(make_item, walk, clerk):
    item = make_item(title="安全生产检查通报")
    walk(item)
    services.save_draft(item=Item.objects.get(pk=item.pk), author=clerk,
                        data={"title": "安全生产检查通报", "openness": Openness.NOT_PUBLIC})
    walk(Item.objects.get(pk=item.pk))
    assert search_ids("安全生产").ids == []


def test_a_deleted_public_row_leaves_the_index(agency):
    row = Item.objects.create(agency=agency, title="安全生产通报", state="published",
                              search_text=segment("安全生产通报"))
    assert search_ids("安全生产").ids == [row.pk]
    row.delete()
    assert search_ids("安全生产").ids == []


def _public(agency, pk, title):
    return Item.objects.create(pk=pk, agency=agency, title=title, state="published", search_text=segment(title))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the id-bucket windows are PostgreSQL's")
def test_windows_over_id_buckets_return_exactly_the_newest_matches(monkeypatch, agency):
    """Dense, sparse and lone matches spread over 60 buckets: each search equals the brute-force answer."""
    monkeypatch.setattr(search, "CANDIDATES", 5)
    step = search_postgres.BUCKET
    dense = [_public(agency, b * step + 11, "低保资金发放公示").pk for b in range(60)]
    sparse = [_public(agency, b * step + 22, "财政预算执行情况").pk for b in range(0, 60, 9)]
    lone = _public(agency, 7, "审计整改结果公告").pk
    _public(agency, 59 * step + 33, "防汛应急演练")  # the newest row matches none of the words
    page = search_ids("低保", limit=10)
    assert page.capped and sorted(page.ids) == sorted(dense[-5:])
    page = search_ids("财政", limit=10)
    assert page.capped and sorted(page.ids) == sorted(sparse[-5:])
    assert search_ids("审计", limit=10).ids == [lone] and not search_ids("审计").capped
    assert search_ids("财政 低保").ids == []
    assert search_ids("财政", Filters(agency_id=agency.pk + 1)).ids == []
