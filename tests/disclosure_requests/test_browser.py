"""The issue's whole walk in Chromium: file on /ysqgk/, register, 补正 online, consult, extend, partial reply."""

import io
import os

import pytest
from django.utils import timezone
from docx import Document as Docx
from playwright.sync_api import expect

from gongkai.agencies.models import Role
from gongkai.catalog.models import Item
from gongkai.workdays.models import HolidayYear
from tests.disclosure_requests.conftest import make_agency
from tests.factories import staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, base, user):
    page.context.clear_cookies()
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", "pw-12345678")
    page.click("button.primary")


def _move(page, kind, fields: dict, *, opened=False):
    if not opened:
        page.click(f"details:has(form[data-kind={kind}]) summary")
    form = f"form[data-kind={kind}]"
    for name, value in fields.items():
        selector = f"{form} [name={kind}-{name}]"
        if page.locator(selector).evaluate("e => e.tagName") == "SELECT":
            page.select_option(selector, value)
        else:
            page.fill(selector, value)
    page.click(f"{form} button[type=submit]")
    page.wait_for_load_state()
    if page.locator("#confirm-letter").count():  # the reply letter is previewed, then confirmed
        assert page.locator("#letter-preview").count() == 1
        page.click("#confirm-letter button[type=submit]")
        page.wait_for_load_state()
    assert "已记录" in page.content(), page.content()


def _query(page, base, number, code):
    page.context.clear_cookies()
    page.goto(f"{base}/ysqgk/query/")
    page.fill("input[name=number]", number)
    page.fill("input[name=code]", code)
    page.click("button.primary")


def test_request_from_public_form_to_partial_reply(page, live_server):
    county = make_agency(name="叶城县人民政府", short_name="叶城县", level="county")
    agency = make_agency(name="叶城县宗朗乡人民政府", short_name="宗朗乡", parent=county)
    clerk, head = staff(agency, Role.CLERK), staff(agency, Role.HEAD)
    # Pauses near year end reach into next year: its notice must be entered (as an administrator would).
    HolidayYear.objects.get_or_create(year=timezone.localdate().year + 1, defaults={"source": "测试：按周一至周五"})
    Item.objects.create(agency=agency, title="宗朗乡2025年草原生态保护补助奖励资金发放情况公示", state="published",
                        published_at=timezone.now())
    base = live_server.url

    # 1. The applicant files on /ysqgk/ and gets a receipt.
    page.goto(f"{base}/ysqgk/")
    page.select_option("select[name=agency]", str(agency.pk))
    page.select_option("select[name=applicant_type]", "natural_person")
    page.fill("input[name=applicant_name]", "张三")
    page.select_option("select[name=id_type]", "resident_id")
    page.fill("input[name=id_number]", "11010519491231002X")
    page.fill("input[name=phone]", "13800000000")
    # Organisation fields show only for 法人或其他组织.
    assert page.locator("#org-fields").is_hidden()
    page.select_option("select[name=applicant_type]", "business")
    assert page.locator("input[name=uscc]").is_visible()
    page.select_option("select[name=applicant_type]", "natural_person")
    assert page.locator("#org-fields").is_hidden()
    # As the applicant types, the already-published catalog items appear (htmx, debounced).
    page.locator("textarea[name=description]").press_sequentially("宗朗乡2025年草原生态保护补助奖励资金发放名单",
                                                                   delay=5)
    matches = page.locator("#matches")
    matches.get_by_text("宗朗乡2025年草原生态保护补助奖励资金发放情况公示").wait_for(timeout=5000)
    assert "已经主动公开" in matches.inner_text()
    page.select_option("select[name=form_wanted]", "email")
    page.select_option("select[name=delivery]", "online")
    page.click("button.primary")
    number, code = page.inner_text("#number"), page.inner_text("#code")
    assert number == f"宗朗乡依申〔{timezone.localdate().year}〕第1号"

    # 2. The clerk confirms (registers) it and asks for 补正 with a deadline.
    _login(page, base, clerk)
    page.goto(f"{base}/staff/requests/")
    page.click(f"text={number}")
    _move(page, "confirmed", {})
    # The period is prefilled with the agency's default (15 working days); the date beside it follows a change.
    page.click("details:has(form[data-kind=supplement_requested]) summary")
    due_output = page.locator("#id_supplement_requested-period_days_due")
    assert "截止日期" in due_output.inner_text()
    page.fill("[name=supplement_requested-period_days]", "20")
    expect(due_output).to_contain_text("第20个工作日")  # the server's answer, swapped in by htmx
    _move(page, "supplement_requested", {"items": "请写明资金年度和村名"}, opened=True)
    detail = page.url

    # 3. The applicant supplies it online.
    _query(page, base, number, code)
    assert "需要您补正" in page.inner_text("#state")
    page.fill("textarea[name=text]", "2025年度，宗朗乡全部行政村")
    page.click("form[action$='supplement/'] button")
    assert "补正材料已提交" in page.content()

    # 4. The clerk consults a third party, the head extends, the clerk decides partial.
    _login(page, base, clerk)
    page.goto(detail)
    _move(page, "consultation_opened", {"party_kind": "third_party", "party_name": "叶城县某牧业合作社"})
    _move(page, "consultation_answered", {"consent": "0", "reason": "不同意公开社员银行账号"})
    _login(page, base, head)
    page.goto(detail)
    _move(page, "extended", {"days": "15", "reason": "需要核对各村发放记录"})
    _login(page, base, clerk)
    page.goto(detail)
    _move(page, "replied", {"outcome": "partial", "how": "随本告知书提供电子件", "withheld": "社员银行账号",
                            "reason": "涉及第三方个人隐私，第三方不同意公开"})

    # 5. The applicant sees the result and opens the 告知书.
    _query(page, base, number, code)
    assert "已办结" in page.inner_text("#state")
    assert "部分公开" in page.inner_text("#outcome")
    with page.expect_download() as download:
        page.click("text=政府信息公开申请答复告知书")
    with open(download.value.path(), "rb") as f:
        text = "\n".join(p.text for p in Docx(io.BytesIO(f.read())).paragraphs)
    assert "《中华人民共和国政府信息公开条例》第三十七条" in text
    assert "社员银行账号" in text
    # The withheld part is a refusal: 复议 first (行政复议法 Art. 23); a direct suit only for the disclosed part.
    assert "60日内向叶城县人民政府申请行政复议" in text and "第二十三条" in text
    assert "6个月内直接向人民法院提起行政诉讼" in text


def test_the_public_form_fits_a_375_px_phone_screen(page, live_server, tmp_path):
    county = make_agency(name="叶城县人民政府", short_name="叶城县", level="county")
    make_agency(name="叶城县宗朗乡人民政府", short_name="宗朗乡", parent=county)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/ysqgk/")
    # Nothing wider than the screen: no sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    for name in ("applicant_name", "id_number", "phone"):
        box = page.locator(f"input[name={name}]").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375 and box["width"] > 250, (name, box)
    assert page.locator("textarea[name=description]").bounding_box()["width"] > 250
    page.screenshot(path=str(tmp_path / "ysqgk-375.png"), full_page=True)
    if os.environ.get("GK_SCREENSHOT_DIR"):
        page.screenshot(path=os.path.join(os.environ["GK_SCREENSHOT_DIR"], "ysqgk-375.png"), full_page=True)
