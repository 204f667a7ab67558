"""申请人 (a law firm): reads /ysqgk/, fills the form and sees the published plan that may answer it, gets the
receipt, later checks /ysqgk/query, uploads the requested 补正 there and finally downloads the reply."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from docx import Document as Docx

from gongkai.disclosure_requests import disclosed, services
from gongkai.disclosure_requests.models import Request
from gongkai.statute.identifiers import make_org_code, make_uscc

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _query(walk, number, code):
    page = walk.page
    page.context.clear_cookies()
    walk.go("/ysqgk/query/")
    walk.check()
    page.get_by_label("申请编号").fill(number)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()
    page.wait_for_load_state()


def test_a_law_firm_asks_follows_up_and_downloads_the_reply(demo, walk, tmp_path):
    page = walk.page
    clerk = demo.users["zl_jingban"]
    walk.go("/ysqgk/")
    walk.check("form")
    assert "第二十九条" in walk.main_text()  # what must be given, and how
    page.get_by_label("申请人类型").select_option(label="法律服务机构")
    page.get_by_label("申请人姓名").fill("王律师")
    page.get_by_label("单位名称").fill("新疆天山律师事务所")
    page.get_by_label("统一社会信用代码").fill(make_uscc("31650000" + make_org_code("20250001")))
    page.get_by_label("证件类型").select_option(label="居民身份证")
    page.get_by_label("证件号码").fill("11010519491231002X")
    page.get_by_label("联系电话").fill("13800000000")
    page.get_by_label("电子邮箱").fill("wang@example.com")
    page.get_by_label("申请公开的机关").select_option(label="叶城县宗朗乡人民政府")
    # While typing, the already-published items appear: the plans whose titles hold the words, as links.
    page.get_by_label("所需信息描述").press_sequentially("2024年庭院经济发展项目实施方案", delay=5)
    matches = page.locator("#matches")
    matches.get_by_role("link").first.wait_for(timeout=10000)
    first = matches.get_by_role("link").first
    assert first.inner_text() == "宗朗乡2024年庭院经济发展项目实施方案"
    assert first.get_attribute("href").startswith("/xxgk/item/")
    walk.check("form-with-matches")
    page.get_by_label("获取信息的形式").select_option(label="电子邮件")
    page.get_by_label("获取信息的方式").select_option(label="网上查看")
    page.get_by_role("button", name="提交申请").click()
    walk.check("receipt")
    number, code = page.locator("#number").inner_text(), page.locator("#code").inner_text()
    assert number.startswith("宗朗乡依申〔") and len(code) >= 8

    # The clerk confirms it and asks for 补正 (the clerk's own screens are walked in test_clerk).
    request = Request.objects.get(number=number)
    today = timezone.localdate()
    services.confirm_online_request(request, actor=clerk, day=today)
    services.request_supplement(request, actor=clerk, day=today, items="请写明所需实施方案的村名和文号",
                                supplement_due=today + timedelta(days=20))

    _query(walk, number, code)
    walk.check("status-awaiting-supplement")
    assert "需要您补正" in page.locator("#state").inner_text()
    assert "请写明所需实施方案的村名和文号" in walk.main_text()
    proof = tmp_path / "授权委托书.txt"
    proof.write_text("授权委托书：委托王律师办理政府信息公开申请。", encoding="utf-8")
    page.get_by_label("补正内容").fill("巴什村、喀拉村两个庭院经济项目的实施方案")
    page.locator("input[type=file][name=attachments]").set_input_files(str(proof))
    page.get_by_role("button", name="提交补正").click()
    walk.check("status-supplement-sent")
    assert "补正材料已提交" in walk.main_text()

    request.refresh_from_db()
    services.issue_reply(request, actor=clerk, day=today, outcome="granted", how="随本告知书提供电子件")
    plan = "巴什村庭院经济项目实施方案.pdf"
    disclosed.attach_files(request, actor=clerk, files=[
        SimpleUploadedFile(plan, b"%PDF-1.4\n% implementation plan\n", content_type="application/pdf")])
    _query(walk, number, code)
    walk.check("status-replied")
    assert "已办结" in page.locator("#state").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="政府信息公开申请答复告知书").first.click()
    with open(download.value.path(), "rb") as f:
        text = "\n".join(p.text for p in Docx(io.BytesIO(f.read())).paragraphs)
    assert "新疆天山律师事务所" in text and "第三十七条" not in text  # granted in full: Art. 36(二)
    with page.expect_download() as download:  # the information itself, beside the letter
        page.locator("#disclosed").get_by_role("link", name=plan).click()
    with open(download.value.path(), "rb") as f:
        assert f.read().startswith(b"%PDF-1.4")
    walk.finish()
