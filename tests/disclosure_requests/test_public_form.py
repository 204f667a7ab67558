"""The /ysqgk/ form groups its fields and works without JavaScript; matches come from the published catalog."""

import re

from django.urls import reverse
from django.utils import timezone

from gongkai.catalog.models import Item


def test_the_form_groups_applicant_wanted_information_and_delivery_in_fieldsets(client, agency):
    page = client.get(reverse("ysqgk:form")).content.decode()
    legends = [page.index(f"<legend>{name}</legend>") for name in ("申请人信息", "所需信息", "获取方式")]
    assert legends == sorted(legends)
    # Without JavaScript the organisation fields are simply shown, labelled as only for organisations.
    assert '<fieldset class="org" id="org-fields">' in page and "法人或其他组织填写（自然人无需填写）" in page
    assert 'hx-trigger="input changed delay:500ms' in page


def test_matches_lists_published_items_of_the_chosen_agency_only(client, agency, outsider):
    Item.objects.create(agency=agency, title="宗朗乡惠民补贴资金发放名单公示", state="published",
                        published_at=timezone.now())
    Item.objects.create(agency=agency, title="宗朗乡惠民补贴资金发放草稿", state="draft")
    page = client.get(reverse("ysqgk:matches"), {"description": "惠民补贴发放名单", "agency": agency.pk})
    text = page.content.decode()
    assert "宗朗乡惠民补贴资金发放名单公示" in text and "草稿" not in text
    other = outsider.memberships.first().agency.pk
    assert "公示" not in client.get(reverse("ysqgk:matches"), {"description": "惠民补贴", "agency": other}
                                    ).content.decode()


def _published(agency, title, day, body=""):
    from datetime import datetime

    from gongkai.catalog.search_terms import search_text_for

    item = Item(agency=agency, title=title, body=body, state="published",
                published_at=timezone.make_aware(datetime.fromisoformat(day)))
    item.search_text = search_text_for(item)  # what publishing writes (catalog.services)
    item.save()
    return item


def test_matches_rank_the_plan_whose_title_is_the_request_first_and_link_to_it(client, agency):
    """The applicant types the name of a plan: that plan heads the list, though newer items share words."""
    plans = [_published(agency, f"宗朗乡2024年{p}衔接资金项目实施方案", f"2024-0{n + 3}-05")
             for n, p in enumerate(("巴什村道路硬化", "喀拉村饮水安全"))]
    _published(agency, "宗朗乡2026年衔接资金项目库公示", "2026-01-10")
    _published(agency, "宗朗乡2025年衔接资金使用情况公告", "2025-12-01")
    _published(agency, "宗朗乡2025年部门预算公开", "2025-11-20", body="<p>含衔接资金项目实施方案的预算安排。</p>")
    _published(agency, "2024年耕地地力保护补贴发放工作方案", "2025-10-01")
    _published(agency, "宗朗乡2024年项目招标公告", "2025-12-20")
    text = client.get(reverse("ysqgk:matches"), {"description": "2024年衔接资金项目实施方案",
                                                  "agency": agency.pk}).content.decode()
    titles = re.findall(r'<a href="/xxgk/item/(\d+)/"[^>]*>([^<]+)</a>', text)
    assert [t for _, t in titles[:2]] == [plans[1].title, plans[0].title]  # both plans first, newer first
    assert titles[0][0] == str(plans[1].pk)
    assert len(titles) == 5
    assert "2024年耕地地力保护补贴发放工作方案" not in [t for _, t in titles[:2]]


def test_matches_put_a_body_match_after_title_matches_and_ignore_request_wording(client, agency):
    title_hit = _published(agency, "宗朗乡草原生态保护补助奖励资金发放情况公示", "2024-01-05")
    body_hit = _published(agency, "宗朗乡2025年第三季度公示", "2025-12-01",
                          body="<p>草原生态保护补助奖励资金发放情况见附表。</p>")
    _published(agency, "宗朗乡政府信息公开指南", "2026-01-01")  # 申请 / 政府信息 / 公开 are how, not what
    from gongkai.disclosure_requests.catalog_search import published_matches

    found = published_matches("申请公开草原生态保护补助奖励资金发放情况", agency_id=agency.pk)
    assert found[:2] == [title_hit, body_hit]
    assert [i.title for i in found] == [title_hit.title, body_hit.title]
    assert published_matches("申请公开政府信息", agency_id=agency.pk) == []
