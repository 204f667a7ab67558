import html as htmllib
import re
from datetime import date

from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.catalog import services
from gongkai.catalog.models import Item, ItemState, ReviewState
from tests.factories import AgencyFactory, staff


def test_clerk_writes_a_draft_and_submits_it(client, agency, clerk, column, portal):
    client.force_login(clerk)
    response = client.post(reverse("catalog:item_new") + f"?agency={agency.pk}", {
        "agency": agency.pk, "title": "2024年衔接项目实施方案", "topic": "agriculture", "genre": "plan",
        "openness": "proactive", "validity": "valid", "columns": [column.pk], "channels": [portal.pk],
        "publisher": agency.name, "body": "<p>正文</p>",
    })
    item = Item.objects.get()
    assert response.status_code == 302 and item.versions.get().column_ids == [column.pk]
    client.post(reverse("catalog:item_submit", args=[item.pk]))
    item.refresh_from_db()
    assert item.state == ItemState.IN_REVIEW


def test_reviewer_sees_inbox_and_approves_with_buttons_from_available_actions(client, make_item, clerk, first):
    item = make_item()
    review = services.submit_for_review(item=item, user=clerk)
    client.force_login(first)
    assert item.title in client.get(reverse("catalog:inbox")).content.decode()
    page = client.get(reverse("catalog:review", args=[review.pk])).content.decode()
    assert 'value="approve"' in page and 'value="reject"' in page
    client.post(reverse("catalog:review", args=[review.pk]), {"action": "approve", "comment": "同意"})
    review.refresh_from_db()
    assert review.state == ReviewState.SECOND


def test_post_of_an_action_not_offered_is_refused(client, make_item, clerk, second):
    review = services.submit_for_review(item=make_item(), user=clerk)
    client.force_login(second)
    assert 'value="approve"' not in client.get(reverse("catalog:review", args=[review.pk])).content.decode()
    client.post(reverse("catalog:review", args=[review.pk]), {"action": "approve"})
    review.refresh_from_db()
    assert review.state == ReviewState.FIRST


def test_review_page_shows_the_diff_against_the_published_version(client, make_item, walk, clerk, first):
    item = make_item(title="旧标题", body="<p>第一段</p>")
    walk(item)
    services.save_draft(item=item, author=clerk, data={"title": "新标题", "body": "<p>第一段</p><p>新增段落</p>"})
    review = services.submit_for_review(item=item, user=clerk)
    client.force_login(first)
    page = client.get(reverse("catalog:review", args=[review.pk])).content.decode()
    assert "旧标题" in page and "新标题" in page and '<div class="added">+ 新增段落</div>' in page


def test_another_agencys_clerk_gets_404(client, make_item):
    item = make_item()
    stranger = staff(AgencyFactory(), Role.CLERK)
    client.force_login(stranger)
    assert client.get(reverse("catalog:item", args=[item.pk])).status_code == 404
    assert client.get(reverse("catalog:item_edit", args=[item.pk])).status_code == 404


def test_item_list_and_dashboard_panel(client, make_item, clerk, first):
    item = make_item()
    services.submit_for_review(item=item, user=clerk)
    client.force_login(first)
    assert item.title in client.get(reverse("catalog:items")).content.decode()
    home = client.get(reverse("home")).content.decode()
    assert "等待我审核：1 条" in home


def test_selfcheck_page_and_exports_render(client, make_item, walk, clerk, agency):
    walk(make_item(title="财政预算公开"))
    client.force_login(clerk)
    assert client.get(reverse("catalog:selfcheck")).status_code == 200
    assert client.get(reverse("catalog:export_xlsx") + f"?agency={agency.pk}").status_code == 200
    assert "财政预算公开" in client.get(reverse("catalog:export_json") + f"?agency={agency.pk}").content.decode()


def _form_values(html: str) -> dict:
    """What a browser submits for the editor's text, date and textarea fields, as the page rendered them."""
    values = {m["name"]: htmllib.unescape(m["value"])
              for m in re.finditer(r'<input type="(?:text|date)" name="(?P<name>\w+)" value="(?P<value>[^"]*)"', html)}
    for m in re.finditer(r'<textarea name="(?P<name>\w+)"[^>]*>\n?(?P<value>.*?)</textarea>', html, re.S):
        values[m["name"]] = htmllib.unescape(m["value"])
    return values


def test_opening_and_saving_an_item_keeps_its_dates_and_typed_body(client, make_item, clerk):
    """Issue #10: the editor sent 2026/11/27 to a date input, and saving blanked the 成文日期."""
    body = "　　第一段 A&B。\n第一段第二行。\n\n　　第二段。"
    item = make_item(title="村规民约", written_on=date(2026, 11, 27), doc_kind="normative", validity="expired",
                     invalid_on=date(2026, 11, 28), body=body)
    client.force_login(clerk)
    page = client.get(reverse("catalog:item_edit", args=[item.pk])).content.decode()
    values = _form_values(page)
    assert values["written_on"] == "2026-11-27" and values["invalid_on"] == "2026-11-28"
    assert values["body"] == body
    form = {**values, "topic": item.topic, "genre": item.genre, "openness": item.openness,
            "doc_kind": item.doc_kind, "validity": item.validity}
    client.post(reverse("catalog:item_edit", args=[item.pk]), form)
    saved = services.latest_version(item)
    assert (saved.written_on, saved.invalid_on, saved.body) == (date(2026, 11, 27), date(2026, 11, 28),
                                                                   item.versions.get(number=1).body)
