import pytest

from gongkai.agencies.models import Role
from gongkai.catalog import services
from gongkai.catalog.models import Item
from tests.factories import AgencyFactory, staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, base, username):
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw-12345678")
    page.click("main button.primary")


def test_item_walks_three_review_levels_and_is_found_on_the_portal(page, live_server):
    agency = AgencyFactory(name="叶城县宗朗乡人民政府", short_name="宗朗乡")
    clerk = staff(agency, Role.CLERK, username="jingban")
    for username, role in (("chushen", Role.REVIEWER_FIRST), ("fushen", Role.REVIEWER_SECOND),
                           ("zhongshen", Role.REVIEWER_FINAL)):
        staff(agency, role, username=username)
    item = services.create_item(agency=agency, author=clerk, data={
        "title": "宗朗乡2025年财政预算公开", "doc_number": "宗政发〔2025〕3号", "written_on": "2025-03-10",
        "topic": "finance", "publisher": agency.name, "body": "<p>一般公共预算收支情况。</p>"})
    services.submit_for_review(item=item, user=clerk)
    base = live_server.url
    for username in ("chushen", "fushen", "zhongshen"):
        page.context.clear_cookies()
        _login(page, base, username)
        page.goto(f"{base}/staff/catalog/inbox/")
        page.click("text=宗朗乡2025年财政预算公开")
        page.fill("textarea[name=comment]", f"{username} 同意")
        page.click("button[value=approve]")
        page.wait_for_url(f"{base}/staff/catalog/inbox/")
    item.refresh_from_db()
    assert item.state == "published"
    page.context.clear_cookies()
    page.goto(f"{base}/xxgk/search?q=财政")
    page.click("text=宗朗乡2025年财政预算公开")
    head = page.locator("dl.info-head").inner_text()
    for text in ("索引号", item.index_number, "发布机构", "成文日期", "2025-03-10", "文号", "宗政发〔2025〕3号",
                 "主题分类", "财政、金融、审计"):
        assert text in head
    assert Item.objects.public().count() == 1
