import pytest
from django.core.cache import caches
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.catalog import services
from gongkai.catalog.models import Column, ColumnKind, Item
from gongkai.catalog.review import Action
from tests.factories import AgencyFactory, staff


@pytest.fixture
def agency(db):
    return AgencyFactory(name="叶城县宗朗乡人民政府", short_name="宗朗乡", office_phone="0998-7561001",
                         office_address="叶城县宗朗乡人民政府院内")


@pytest.fixture
def publish(agency):
    clerk = staff(agency, Role.CLERK)
    reviewers = [staff(agency, role) for role in (Role.REVIEWER_FIRST, Role.REVIEWER_SECOND, Role.REVIEWER_FINAL)]

    def run(**data):
        item = services.create_item(agency=agency, author=clerk, data=data)
        review = services.submit_for_review(item=item, user=clerk)
        for reviewer in reviewers:
            services.act_on_review(review=review, user=reviewer, action=Action.APPROVE)
        return Item.objects.get(pk=item.pk)
    return run


def test_item_page_shows_the_information_head(client, publish):
    item = publish(title="关于2025年财政预算的说明", doc_number="宗政发〔2025〕3号", written_on="2025-03-10")
    html = client.get(reverse("xxgk:item", args=[item.pk])).content.decode()
    for label in ("索引号", "发布机构", "成文日期", "发布日期", "文号", "主题分类"):
        assert label in html
    assert item.index_number in html and "宗政发〔2025〕3号" in html and "2025-03-10" in html


def test_script_and_javascript_links_never_reach_a_public_page(client, publish):
    item = publish(title="正文含脚本", body='<p>正文</p><script>alert("x")</script>'
                   '<a href="javascript:alert(1)">链接</a><p onclick="alert(2)">点击</p>')
    html = client.get(reverse("xxgk:item", args=[item.pk])).content.decode()
    body = html.split('<div class="body">')[1].split("</div>")[0]
    assert "<script" not in body and "javascript:" not in body and "onclick" not in body
    assert "<p>正文</p>" in body


def test_unpublished_items_are_not_public(client, agency):
    clerk = staff(agency, Role.CLERK)
    draft = services.create_item(agency=agency, author=clerk, data={"title": "草稿"})
    assert client.get(reverse("xxgk:item", args=[draft.pk])).status_code == 404


def test_two_character_search_finds_and_highlights(client, publish, agency):
    item = publish(title="宗朗乡2025年财政预算公开")
    publish(title="春耕备耕通知")
    response = client.get(reverse("xxgk:search"), {"q": "财政", "agency": agency.pk})
    html = response.content.decode()
    assert reverse("xxgk:item", args=[item.pk]) in html
    assert "<mark>财政</mark>" in html and "春耕" not in html


def test_catalog_filters_by_column_and_year(client, publish, agency):
    column = Column.objects.create(agency=agency, name="惠民政策", kind=ColumnKind.POLICY)
    inside = publish(title="惠民政策汇编", column_ids=[column.pk])
    publish(title="其他信息")
    html = client.get(reverse("xxgk:catalog", args=[agency.pk]), {"column": column.pk}).content.decode()
    assert inside.title in html and "其他信息" not in html
    year = inside.published_at.year
    assert "惠民政策汇编" not in client.get(reverse("xxgk:catalog", args=[agency.pk]),
                                         {"year": year - 1}).content.decode()


def test_index_lets_the_visitor_pick_an_agency_and_links_annual_reports(client, agency):
    AgencyFactory(name="叶城县乌夏巴什镇人民政府")
    html = client.get(reverse("xxgk:index")).content.decode()
    assert "叶城县宗朗乡人民政府" in html and "叶城县乌夏巴什镇人民政府" in html
    assert client.get(reverse("xxgk:index"), {"agency": agency.pk}).status_code == 302
    page = client.get(reverse("xxgk:agency", args=[agency.pk])).content.decode()
    assert "政府信息公开工作年度报告" in page and reverse("xxgk:reports", args=[agency.pk]) in page


def test_annual_reports_page_lists_the_annual_report_column(client, publish, agency):
    column = Column.objects.create(agency=agency, name="年度报告", kind=ColumnKind.ANNUAL_REPORT)
    publish(title="宗朗乡2024年政府信息公开工作年度报告", column_ids=[column.pk])
    assert "2024年政府信息公开工作年度报告" in client.get(reverse("xxgk:reports", args=[agency.pk])).content.decode()


def test_guide_comes_from_the_agency_contact_data(client, agency):
    html = client.get(reverse("xxgk:guide", args=[agency.pk])).content.decode()
    assert "0998-7561001" in html and "叶城县宗朗乡人民政府院内" in html


def test_interpretations_link_both_ways(client, publish):
    policy = publish(title="耕地地力保护补贴发放方案")
    reading = publish(title="一图读懂耕地地力保护补贴", interprets_ids=[policy.pk])
    policy_page = client.get(reverse("xxgk:item", args=[policy.pk])).content.decode()
    reading_page = client.get(reverse("xxgk:item", args=[reading.pk])).content.decode()
    assert reverse("xxgk:item", args=[reading.pk]) in policy_page
    assert reverse("xxgk:item", args=[policy.pk]) in reading_page


def test_column_feed_is_atom(client, publish, agency):
    column = Column.objects.create(agency=agency, name="乡镇动态", kind=ColumnKind.DYNAMIC)
    publish(title="宗朗乡召开推进会", column_ids=[column.pk])
    response = client.get(reverse("xxgk:column_feed", args=[column.pk]))
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "宗朗乡召开推进会" in response.content.decode()


def test_feedback_lands_in_the_staff_inbox_with_a_reply_deadline(client, agency):
    response = client.post(reverse("xxgk:feedback", args=[agency.pk]),
                           {"subject": "低保咨询", "message": "请问低保如何申请？", "name": "张三", "contact": "138"})
    assert "已提交" in response.content.decode()
    clerk = staff(agency, Role.CLERK)
    client.force_login(clerk)
    inbox = client.get(reverse("catalog:feedback")).content.decode()
    assert "低保咨询" in inbox and "答复期限" in inbox
    from gongkai.catalog.models import Feedback

    feedback = Feedback.objects.get()
    assert feedback.reply_due > feedback.received_at.date()
    client.post(reverse("catalog:feedback_reply", args=[feedback.pk]), {"reply": "请到乡民政办申请"})
    feedback.refresh_from_db()
    assert feedback.replied_by == clerk


def test_search_page_says_when_the_count_is_capped(client, publish, monkeypatch):
    from gongkai.catalog import search

    for n in range(3):
        publish(title=f"低保资金发放公示第{n}批")
    assert "找到 3 条结果" in client.get(reverse("xxgk:search"), {"q": "低保"}).content.decode()
    monkeypatch.setattr(search, "CANDIDATES", 2)
    caches["pages"].clear()  # a code change: a deployment never serves pages of the code before (pagecache)
    page = client.get(reverse("xxgk:search"), {"q": "低保"}).content.decode()
    assert "找到超过 2 条结果" in page and page.count("资金发放公示第") == 2
