from gongkai.catalog.models import Item, Topic
from gongkai.catalog.search import highlight, search_ids
from gongkai.catalog.search_terms import Filters, query_terms


def test_two_character_query_finds_a_longer_word(make_item, walk):
    item = make_item(title="关于2025年财政预算执行情况的报告", topic=Topic.FINANCE)
    walk(item)
    walk(make_item(title="宗朗乡2024年衔接项目实施方案"))
    page = search_ids("财政")
    assert page.ids == [item.pk] and page.total == 1


def test_multi_word_query_needs_every_word(make_item, walk):
    a = make_item(title="2024年衔接项目实施方案", summary="巩固拓展脱贫攻坚成果")
    b = make_item(title="2024年惠民政策汇编")
    walk(a)
    walk(b)
    assert search_ids("衔接项目").ids == [a.pk]
    assert search_ids("2024").total == 2


def test_drafts_and_withdrawn_items_are_not_found(make_item, walk, final):
    from gongkai.catalog import services

    make_item(title="财政草稿")
    published = make_item(title="财政公告")
    walk(published)
    assert search_ids("财政").ids == [published.pk]
    services.withdraw_item(item=published, user=final, reason="重复发布")
    assert search_ids("财政").ids == []


def test_filters_narrow_the_hits(agency, make_item, walk, column):
    a = make_item(title="财政预算公开", topic=Topic.FINANCE, column_ids=[column.pk])
    b = make_item(title="财政决算公开", topic=Topic.GENERAL)
    walk(a)
    walk(b)
    assert search_ids("财政", Filters(topic=Topic.FINANCE)).ids == [a.pk]
    assert search_ids("财政", Filters(column_id=column.pk)).ids == [a.pk]
    assert search_ids("财政", Filters(agency_id=agency.pk)).total == 2
    year = Item.objects.get(pk=a.pk).published_at.year
    assert search_ids("财政", Filters(year=year - 1)).total == 0


def test_highlight_marks_terms_and_escapes_the_rest():
    html = highlight("<b>财政</b>预算", ["财政"])
    assert html == "&lt;b&gt;<mark>财政</mark>&lt;/b&gt;预算"


def test_punctuation_only_query_finds_nothing(make_item, walk):
    walk(make_item(title="财政"))
    assert query_terms("，。") == []
    assert search_ids("，。").total == 0


def test_a_name_jieba_does_not_know_is_matched_as_adjacent_characters(make_item, walk):
    """宗朗乡 is cut into 宗/朗/乡: the three must stand together, not anywhere in the text."""
    name = make_item(title="宗朗乡召开乡村振兴推进会")
    scattered = make_item(title="乡村振兴简报", summary="宗和朗和乡")  # 宗, 朗 and 乡 as words, apart
    walk(name)
    walk(scattered)
    assert query_terms("宗朗乡 低保") == ["宗 朗 乡", "低保"]
    assert search_ids("宗朗乡").ids == [name.pk]
    assert search_ids("宗朗乡 振兴").ids == [name.pk]
    assert str(highlight("宗朗乡召开会议，乡里", ["宗 朗 乡"])) == "<mark>宗朗乡</mark>召开会议，乡里"
