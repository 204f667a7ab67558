"""Issue #10 in a real browser: staff forms keep their dates, and an edited item keeps its date and paragraphs.

Chromium's <input type=date> shows and submits only an ISO value; a form that renders 2026/11/27 looks empty
and saving it erased the 成文日期 ("成文日期 —" on the portal).
"""

from datetime import date

import pytest

from gongkai.agencies.models import Role
from gongkai.catalog import services as catalog_services
from gongkai.catalog.models import Item, Review
from gongkai.catalog.review import Action
from gongkai.disclosure_requests import services as request_services
from tests.factories import AgencyFactory, staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WRITTEN = date(2026, 11, 27)
BODY = ("　　为巩固拓展脱贫攻坚成果，宗朗乡实施村道硬化项目。\n\n"
        "一、建设内容\n硬化村道3.2公里。\n\n"
        "二、资金来源\n衔接资金50万元。")

# What the browser holds and would submit for every date input that the server gave a value.
DATE_INPUTS_JS = """() => Array.from(document.querySelectorAll('input[type=date], input[type=datetime-local]'))
  .filter(i => i.hasAttribute('value'))
  .map(i => ({name: i.name, rendered: i.getAttribute('value'), shown: i.value,
              submitted: i.form ? new FormData(i.form).get(i.name) : null}))"""


def _login(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw-12345678")
    page.click("main button.primary")
    page.wait_for_url(lambda url: "/login/" not in url)


def _assert_browser_keeps_dates(page) -> list[dict]:
    inputs = page.evaluate(DATE_INPUTS_JS)
    for found in inputs:
        assert found["shown"] == found["rendered"], f"Chromium rejected {found['name']}={found['rendered']!r}"
        assert found["submitted"] == found["rendered"], found
    return inputs


@pytest.fixture
def agency(db):
    return AgencyFactory(name="叶城县宗朗乡人民政府", short_name="宗朗乡")


@pytest.fixture
def clerk(agency):
    return staff(agency, Role.CLERK, username="jingban")


@pytest.fixture
def reviewers(agency):
    return [staff(agency, role, username=name) for name, role in (
        ("chushen", Role.REVIEWER_FIRST), ("fushen", Role.REVIEWER_SECOND), ("zhongshen", Role.REVIEWER_FINAL))]


def test_catalog_item_form_shows_and_saves_both_dates(page, live_server, agency, clerk):
    item = catalog_services.create_item(agency=agency, author=clerk, data={
        "title": "宗朗乡村规民约", "written_on": WRITTEN, "doc_kind": "normative", "validity": "expired",
        "invalid_on": date(2026, 11, 28), "body": BODY})
    _login(page, live_server.url, "jingban")
    page.goto(f"{live_server.url}/staff/catalog/{item.pk}/edit/")
    found = {i["name"]: i["shown"] for i in _assert_browser_keeps_dates(page)}
    assert found == {"written_on": "2026-11-27", "invalid_on": "2026-11-28"}
    page.fill("input[name=title]", "宗朗乡村规民约（修订）")
    page.click("form.panel button.primary")
    page.wait_for_url(f"{live_server.url}/staff/catalog/{item.pk}/")
    saved = catalog_services.latest_version(item)
    assert (saved.title, saved.written_on, saved.invalid_on) == ("宗朗乡村规民约（修订）", WRITTEN, date(2026, 11, 28))
    assert saved.number == 1 and saved.body == BODY  # the unsubmitted draft, its typed body unchanged


def test_request_staff_forms_give_the_browser_iso_dates(page, live_server, agency, clerk):
    request = request_services.register_request(agency=agency, actor=clerk, received_on=date(2026, 11, 27), fields={
        "applicant_type": "natural_person", "applicant_name": "张三", "id_type": "resident_id",
        "id_number": "11010519491231002X", "phone": "13800000000", "description": "2024年宗朗乡惠民补贴资金发放名单",
        "form_wanted": "paper", "delivery": "post", "channel": "in_person"})
    _login(page, live_server.url, "jingban")
    page.goto(f"{live_server.url}/staff/requests/register/")
    assert {i["name"] for i in _assert_browser_keeps_dates(page)} >= {"received_on"}
    page.goto(f"{live_server.url}/staff/requests/{request.pk}/")
    moves = [i for i in _assert_browser_keeps_dates(page) if i["name"].endswith("day")]
    assert moves and all(i["shown"] == date.today().isoformat() for i in moves)  # each move's 日期 defaults to today


def test_title_only_edit_through_three_reviews_keeps_date_and_paragraphs(page, live_server, agency, clerk,
                                                                          reviewers):
    item = catalog_services.create_item(agency=agency, author=clerk, data={
        "title": "宗朗乡村道硬化项目公示", "doc_number": "宗政发〔2026〕9号", "written_on": WRITTEN, "body": BODY})
    review = catalog_services.submit_for_review(item=item, user=clerk)
    for reviewer in reviewers:
        review = catalog_services.act_on_review(review=review, user=reviewer, action=Action.APPROVE)
    base = live_server.url

    _login(page, base, "jingban")
    page.goto(f"{base}/staff/catalog/{item.pk}/edit/")
    page.fill("input[name=title]", "宗朗乡村道硬化项目实施公示")
    page.click("form.panel button.primary")
    page.wait_for_url(f"{base}/staff/catalog/{item.pk}/")
    with page.expect_navigation():
        page.click("button:has-text('提交三审')")
    pending = Review.objects.filter(item=item).latest("id")
    assert pending.version.number == 2
    for username in ("chushen", "fushen", "zhongshen"):
        _login(page, base, username)
        page.goto(f"{base}/staff/catalog/inbox/")
        page.click(f"a[href='/staff/catalog/reviews/{pending.pk}/']")
        assert "宗朗乡村道硬化项目实施公示" in page.locator("h1").inner_text()
        page.fill("textarea[name=comment]", f"{username} 同意")
        page.click("button[value=approve]")
        page.wait_for_url(f"{base}/staff/catalog/inbox/")

    item.refresh_from_db()
    assert item.title == "宗朗乡村道硬化项目实施公示" and item.live_version.number == 2
    page.context.clear_cookies()
    page.goto(f"{base}/xxgk/item/{item.pk}/")
    head = page.locator("dl.info-head").inner_text()
    assert "2026-11-27" in head and "宗政发〔2026〕9号" in head
    paragraphs = page.locator("div.body p").all_inner_texts()
    assert paragraphs == ["　　为巩固拓展脱贫攻坚成果，宗朗乡实施村道硬化项目。", "一、建设内容\n硬化村道3.2公里。",
                          "二、资金来源\n衔接资金50万元。"]
    assert Item.objects.public().get().written_on == WRITTEN
