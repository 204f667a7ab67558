"""The 审核人's page: where the item goes out (栏目, 渠道), and after a 退回 what the author changed since."""

import pytest
from django.urls import reverse

from gongkai.catalog import services
from gongkai.catalog.models import Channel, ChannelKind, Column, ColumnKind
from gongkai.catalog.queries import inline_diff, resubmission_changes
from gongkai.catalog.review import Action


@pytest.fixture
def board(agency):
    return Channel.objects.create(agency=agency, kind=ChannelKind.BOARD, name="公开栏", location="乡政府大院")


def _page(client, user, review):
    client.force_login(user)
    return client.get(reverse("catalog:review", args=[review.pk])).content.decode()


def test_review_page_names_the_columns_and_channels_it_will_be_published_to(
        client, make_item, clerk, first, column, portal, board):
    item = make_item(column_ids=[column.pk], channel_ids=[portal.pk, board.pk])
    review = services.submit_for_review(item=item, user=clerk)
    page = _page(client, first, review)
    assert "<th>所属栏目</th><td>惠民政策</td>" in page
    assert "<th>发布渠道</th><td>叶城县政府门户网站、公开栏（乡政府大院）</td>" in page


def test_review_page_compares_destinations_with_the_published_version(
        client, make_item, walk, clerk, first, column, portal, board, agency):
    item = make_item(column_ids=[column.pk], channel_ids=[portal.pk])
    walk(item)
    notices = Column.objects.create(agency=agency, name="通知公告", kind=ColumnKind.NOTICE)
    services.save_draft(item=item, author=clerk, data={"title": item.title, "column_ids": [notices.pk],
                                                       "channel_ids": [portal.pk, board.pk]})
    review = services.submit_for_review(item=item, user=clerk)
    page = _page(client, first, review)
    assert '<tr class="due-soon"><th>所属栏目</th><td>惠民政策</td><td>通知公告</td></tr>' in page
    assert ('<tr class="due-soon"><th>发布渠道</th><td>叶城县政府门户网站</td>'
            '<td>叶城县政府门户网站、公开栏（乡政府大院）</td></tr>') in page


def _send_back_and_resubmit(make_item, clerk, first, column, new_data):
    item = make_item(title="2024年衔接项目实施方案", doc_number="宗政发〔2024〕3号",
                     body="<p>第一段</p><p>第二段</p>", column_ids=[column.pk])
    review = services.submit_for_review(item=item, user=clerk)
    services.act_on_review(review=review, user=first, action=Action.REJECT, comment="文号有误，请核对")
    services.save_draft(item=item, author=clerk, data=new_data)
    return services.submit_for_review(item=item, user=clerk)


def test_resubmission_after_a_send_back_shows_what_changed(client, make_item, clerk, first, column):
    again = _send_back_and_resubmit(make_item, clerk, first, column, {
        "title": "2024年衔接项目实施方案", "doc_number": "宗政发〔2024〕5号",
        "body": "<p>第一段</p><p>第二段（修订）</p>", "column_ids": [column.pk]})
    changes = resubmission_changes(again)
    assert changes.sent_back.version.number == 1 and changes.comments == ["文号有误，请核对"]
    assert changes.fields == [("文号", "宗政发〔2024〕<del>3</del><ins>5</ins>号")]
    assert [(k, str(line)) for k, line in changes.body if k != "same"] == [
        ("removed", "<del>第二段</del>"), ("added", "<ins>第二段（修订）</ins>")]
    page = _page(client, first, again)
    assert "退回后的修改（对比被退回的第1版）" in page and "退回意见：文号有误，请核对" in page
    assert "<th>文号</th><td class=\"pre-wrap\">宗政发〔2024〕<del>3</del><ins>5</ins>号</td>" in page
    assert '<div class="added"><ins>第二段（修订）</ins></div>' in page


def test_resubmission_without_changes_says_so(client, make_item, clerk, first, column):
    again = _send_back_and_resubmit(make_item, clerk, first, column, {
        "title": "2024年衔接项目实施方案", "doc_number": "宗政发〔2024〕3号",
        "body": "<p>第一段</p><p>第二段</p>", "column_ids": [column.pk]})
    assert resubmission_changes(again).unchanged
    assert "与被退回的版本相比没有任何修改" in _page(client, first, again)


def test_first_submission_has_no_resubmission_panel(client, make_item, clerk, first):
    review = services.submit_for_review(item=make_item(), user=clerk)
    assert resubmission_changes(review) is None
    assert "退回后的修改" not in _page(client, first, review)


def test_the_difference_is_escaped():
    marked = inline_diff("<b>旧</b>", '<script>alert("x")</script>')
    assert "<script" not in marked and "<b>" not in marked and 'alert("x")' not in marked
    assert marked == ("&lt;<del>b</del><ins>script</ins>&gt;<del>旧</del><ins>alert(&quot;x&quot;)</ins>"
                      "&lt;/<del>b</del><ins>script</ins>&gt;")
