"""经办人 (宗朗乡党政办): the home page's to-do list, a paper request registered with its 回执, a Saturday online
request confirmed on Monday, a 补正 notice, a catalog item drafted for 三审, a reply with its 告知书 and delivery,
and the 台账 exported to Excel."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from docx import Document as Docx
from openpyxl import load_workbook

from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.models import Request
from gongkai.statute.clock import add_workdays
from gongkai.workdays.calendar import get_calendar

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VILLAGER = {"applicant_type": "natural_person", "applicant_name": "热依汗古丽", "id_type": "resident_id",
            "id_number": "11010519491231002X", "phone": "13999990000",
            "description": "2026年宗朗乡冬季取暖补贴发放名单", "form_wanted": "email", "delivery": "online"}


def move(walk, summary: str, kind: str, fields: dict, name: str | None = None):
    """Open one of the request page's moves by its title, fill it and send it."""
    page = walk.page
    page.locator("details", has=page.locator(f"form[data-kind={kind}]")).locator("summary").click()
    form = page.locator(f"form[data-kind={kind}]")
    assert summary in page.locator("details", has=form).locator("summary").inner_text()
    for field, value in fields.items():
        control = form.locator(f"[name={kind}-{field}]")
        if control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)
    walk.check(name)
    form.locator("button[type=submit]").first.click()
    walk.check()
    confirm = page.get_by_role("button", name="确认发出")
    if confirm.count():  # a move that issues a letter shows it first, as it will be issued
        assert "草稿（预览）" in walk.main_text()
        confirm.click()
        walk.check()
    assert "已记录" in walk.main_text(), walk.main_text()[:400]


def test_the_township_clerk_works_through_a_day(demo, walk, tmp_path):
    page = walk.page
    agency = demo.agencies["zonglang"]
    today = timezone.localdate()
    calendar = get_calendar()
    # An online request of last Saturday, waiting for the clerk on Monday.
    saturday = today - timedelta(days=(today.weekday() - 5) % 7 or 7)
    if (saturday + timedelta(days=2)) > today:
        saturday -= timedelta(days=7)
    monday = saturday + timedelta(days=2)
    online = services.submit_online(agency=agency, fields=VILLAGER, day=saturday)

    # 1. The home page: what needs doing (due soon / overdue requests, items sent back, stale columns, report).
    walk.login("zl_jingban")
    walk.check("home")
    home = walk.main_text()
    assert "宗朗乡依申〔2025〕第18号" in home  # overdue in the demo
    assert "被退回" in home and "年度报告" in home

    # 2. A villager hands in a paper request: the clerk registers it (当面, today) and prints the 回执.
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="依申请公开").click()
    walk.check("requests")
    page.get_by_role("link", name="登记申请").click()
    walk.check("register-form")
    page.get_by_label("受理机关").select_option(label="叶城县宗朗乡人民政府")
    page.get_by_label("申请渠道").select_option(label="当面提交")
    page.get_by_label("申请书落款/寄出日期").fill(today.isoformat())
    page.get_by_label("收到申请日期").fill(today.isoformat())
    page.get_by_label("申请人类型").select_option(label="自然人")
    page.get_by_label("申请人姓名").fill("买买提·吐尔逊")
    page.get_by_label("证件类型").select_option(label="居民身份证")
    page.get_by_label("证件号码").fill("11010519491231002X")
    page.get_by_label("联系电话").fill("13800001111")
    page.get_by_label("所需信息描述").fill("2025年巴什村低保户名单及补助标准")
    page.get_by_label("获取信息的形式").select_option(label="纸质")
    page.get_by_label("获取信息的方式").select_option(label="当面领取")
    page.get_by_role("button", name="登记并生成回执").click()
    walk.check("receipt")
    receipt = walk.main_text()
    paper = Request.objects.filter(applicant_name="买买提·吐尔逊").get()
    assert paper.number in receipt and paper.channel == "in_person" and paper.received_on == today
    assert "查询码" in receipt and page.locator("main [data-print]").count() == 1

    # 3. The Saturday request is confirmed on Monday: its clock starts then.
    walk.go("/staff/requests/?state=submitted")
    walk.check("requests-to-confirm")
    page.get_by_role("link", name=online.number).click()
    walk.check("online-request")
    move(walk, "确认", "confirmed", {"day": monday.isoformat()})
    online.refresh_from_db()
    assert online.received_on == monday
    assert online.due_on == add_workdays(monday, 20, calendar)
    assert online.due_on.isoformat() in walk.main_text()

    # 4. It is unclear: a 补正 notice (a Word file) stops the clock.
    # The period is offered from the agency's default (15 working days) and its last day shown as it is typed.
    form = page.locator("form[data-kind=supplement_requested]")
    page.locator("details", has=form).locator("summary").click()
    assert form.locator("[name=supplement_requested-period_days]").input_value() == "15"
    due = add_workdays(today, 10, calendar)
    form.locator("[name=supplement_requested-period_days]").fill("10")
    form.get_by_text(f"截止日期：{due.year}年{due.month}月{due.day}日").wait_for()
    page.locator("details", has=form).locator("summary").click()  # closed again: move() opens it
    move(walk, "发出补正通知", "supplement_requested",
         {"day": today.isoformat(), "items": "请写明取暖补贴所属村和发放批次", "period_days": "10"})
    online.refresh_from_db()
    assert online.state == "awaiting_supplement"
    notice = online.events.get(kind="supplement_requested")
    assert notice.data["supplement_due"] == due.isoformat()
    assert "待申请人补正" in walk.main_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="补正").filter(has_text="通知").first.click()
    with open(download.value.path(), "rb") as f:
        notice = "\n".join(p.text for p in Docx(io.BytesIO(f.read())).paragraphs)
    assert "请写明取暖补贴所属村和发放批次" in notice and "第三十条" in notice
    walk.check("supplement-requested")

    # 5. A 惠民政策 notice with an attachment, its columns and the 公开栏, submitted for 三审.
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="主动公开").click()
    walk.check("catalog")
    page.get_by_role("link", name="为宗朗乡撰写新信息").click()
    walk.check("item-form")
    page.get_by_label("信息名称").fill("宗朗乡2026年冬季取暖补贴发放通知")
    page.get_by_label("内容概述").fill("补贴对象、标准和发放时间。")
    page.get_by_label("正文").fill("各村：2026年冬季取暖补贴于12月15日前发放到户，每户800元。")
    page.get_by_label("发布机构").fill("叶城县宗朗乡人民政府")
    page.get_by_label("成文日期").fill(today.isoformat())
    page.get_by_label("体裁分类").select_option(label="通知")
    page.get_by_label("主题分类").select_option(label="民政、扶贫、救灾")
    page.get_by_label("条例第二十条").select_option(index=11)
    page.get_by_label("惠民政策", exact=True).check()
    page.get_by_label("三务公开栏（各村村委会）").check()
    attachment = tmp_path / "取暖补贴发放名单.xlsx"
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["村", "户数"])
    book.save(attachment)
    page.get_by_label("附件：", exact=True).set_input_files(str(attachment))
    walk.check("item-form-filled")
    page.get_by_role("button", name="保存草稿").click()
    walk.check("item-draft")
    assert "取暖补贴发放名单.xlsx" in walk.main_text()
    page.get_by_role("button", name="提交三审").click()
    walk.check("item-submitted")
    assert "审核中" in walk.main_text()

    # 6. The reply: an outcome, the 告知书 with its legal basis and remedies, downloaded; delivery recorded.
    walk.go("/staff/requests/")
    walk.check()
    page.get_by_role("link", name="宗朗乡依申〔2026〕第1号").click()
    walk.check("request-to-reply")
    move(walk, "作出答复", "replied", {"day": today.isoformat(), "outcome": "granted",
                                    "how": "随本告知书提供电子件"}, name="reply-form")
    walk.check("replied")
    with page.expect_download() as download:
        page.get_by_role("link", name="政府信息公开申请答复告知书").first.click()
    with open(download.value.path(), "rb") as f:
        letter = "\n".join(p.text for p in Docx(io.BytesIO(f.read())).paragraphs)
    assert "《中华人民共和国政府信息公开条例》" in letter
    assert "行政复议" in letter and "行政诉讼" in letter
    # The information itself goes with the letter: the applicant downloads it with the query code.
    scans = tmp_path / "2025年农村危房改造补助对象评定材料.pdf"
    scans.write_bytes(b"%PDF-1.4\n% the disclosed record\n")
    page.get_by_label("公开的信息（文件").set_input_files(str(scans))
    page.get_by_role("button", name="附送文件").click()
    walk.check("disclosed-attached")
    assert "已附送公开的信息 1 个文件" in walk.main_text()
    assert scans.name in page.locator("main").inner_text()
    move(walk, "送达", "delivered", {"day": today.isoformat(), "method": "email"})
    assert Request.objects.get(number="宗朗乡依申〔2026〕第1号").events.filter(kind="delivered").exists()

    # 7. Month end: the 台账 to Excel.
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="依申请公开").click()
    walk.check()
    with page.expect_download() as download:
        page.get_by_role("link", name="导出台账（Excel）").click()
    with open(download.value.path(), "rb") as f:
        book = load_workbook(io.BytesIO(f.read()))
    cells = {str(c.value) for row in book.active.iter_rows() for c in row if c.value is not None}
    assert paper.number in cells and online.number in cells
    walk.finish()
