"""审核人 (初审, 复审, 终审) and 负责人: each reviewer's inbox, the changes since the published version, approve or
send back with a comment; the head approves an extension for a request in third-party consultation and opens
the annual report that awaits the sign-off."""

import pytest
from django.utils import timezone

from gongkai.catalog import services as catalog
from gongkai.catalog.models import Item
from gongkai.disclosure_requests import services as requests
from gongkai.disclosure_requests.models import Request
from gongkai.reports import services as reports
from gongkai.reports.models import AnnualReport, ReportState
from gongkai.reports.transitions import Action

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "宗朗乡2025年部门预算公开"


def test_three_reviewers_and_the_head(demo, walk):
    page = walk.page
    clerk = demo.users["zl_jingban"]
    # The clerk corrects a published item: the reviewers see what changed against the published version.
    item = Item.objects.get(title=TITLE)
    catalog.save_draft(item=item, author=clerk, data={
        "title": TITLE, "summary": "2025年一般公共预算财政拨款收支、“三公”经费预算情况说明（更正后）。",
        "body": item.body, "publisher": item.publisher, "written_on": item.written_on, "doc_number": item.doc_number,
        "topic": item.topic, "genre": item.genre,
        "art20_item": item.art20_item, "column_ids": list(item.columns.values_list("pk", flat=True)),
        "channel_ids": item.live_version.channel_ids})
    catalog.submit_for_review(item=item, user=clerk)

    for step, username in enumerate(("zl_chushen", "zl_fushen", "zl_zhongshen"), start=1):
        walk.login(username)
        walk.check(f"{step}-home")
        walk.go("/staff/catalog/inbox/")
        walk.check(f"{step}-inbox")
        page.get_by_role("link", name=TITLE).click()
        walk.check(f"{step}-review")
        changed = page.locator("tr.due-soon").all_inner_texts()  # the rows that differ from the published version
        assert len(changed) == 1 and "更正后" in changed[0], changed  # only the corrected summary
        if username == "zl_fushen":
            # The demo's other submission waits at 复审 too: sent back with a comment.
            walk.go("/staff/catalog/inbox/")
            walk.check()
            page.get_by_role("link", name="宗朗乡2026年衔接资金项目库公示").click()
            walk.check()
            page.get_by_label("审核意见").fill("请补充各项目的资金规模")
            page.get_by_role("button", name="退回修改").click()
            walk.check()
            walk.go("/staff/catalog/inbox/")
            page.get_by_role("link", name=TITLE).click()
            walk.check()
        page.get_by_label("审核意见").fill("同意")
        page.get_by_role("button", name="通过", exact=True).click()
        walk.check(f"{step}-approved")
    item.refresh_from_db()
    assert item.state == "published" and "更正后" in item.summary
    assert Item.objects.get(title="宗朗乡2026年衔接资金项目库公示").reviews.filter(state="rejected").exists()

    # The head: an extension for a request waiting on a third party's view.
    pending = Request.objects.get(number="宗朗乡依申〔2026〕第2号")
    today = timezone.localdate()
    requests.open_consultation(pending, actor=clerk, day=today, party_kind="third_party",
                               party_name="叶城县某建筑有限公司")
    walk.login("zl_fuzeren")
    walk.check("head-home")
    walk.go(f"/staff/requests/{pending.pk}/")
    walk.check("head-request")
    page.locator("details", has=page.locator("form[data-kind=extended]")).locator("summary").click()
    form = page.locator("form[data-kind=extended]")
    form.locator("[name=extended-days]").fill("20")
    form.locator("[name=extended-reason]").fill("需征求第三方意见，核对相关合同")
    walk.check("head-extension-form")
    form.locator("button[type=submit]").click()
    walk.check("head-extended")
    assert "已记录" in walk.main_text()
    pending.refresh_from_db()
    assert pending.events.filter(kind="extended").exists()
    assert "延长答复期限" in walk.main_text()

    # The annual reports: the 2025 report the head signed off, published; the 2026 one in progress.
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="年度报告").click()
    walk.check("head-reports")
    walk.go(f"/staff/reports/{demo.agencies['zonglang'].pk}/2025/")
    walk.check("head-report-2025")
    assert "吐尔逊" in walk.main_text()  # the head's sign-off is on the record

    # A correction of the 2025 report has passed 三审 and waits for the head: signed off in the browser, it is
    # published and the report it corrects is kept, marked as corrected.
    published = AnnualReport.objects.get(agency=demo.agencies["zonglang"], year=2025, state=ReportState.PUBLISHED)
    correction = reports.start_correction(report=published, actor=clerk, reason="第六部分收费金额笔误")
    reports.submit_report(report=correction, user=clerk)
    for reviewer in ("zl_chushen", "zl_fushen", "zl_zhongshen"):
        correction = reports.review_report(report=correction, user=demo.users[reviewer], action=Action.APPROVE)
    assert correction.state == ReportState.SIGN_OFF
    walk.go(f"/staff/reports/{demo.agencies['zonglang'].pk}/2025/")
    walk.check("head-signoff")
    assert "更正稿" in walk.main_text()
    page.get_by_label("审核意见").fill("同意发布")
    page.get_by_role("button", name="签发并发布").click()
    walk.check("head-signed-off")
    correction.refresh_from_db()
    published.refresh_from_db()
    assert correction.state == ReportState.PUBLISHED and published.state == ReportState.SUPERSEDED
    # the 2025 report came out on 22 January 2026: its correction, dated today, is not a late report
    assert correction.checker_result["counts"]["error"] == 0, correction.checker_result
    walk.finish()
