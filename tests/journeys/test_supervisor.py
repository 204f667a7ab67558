"""县政务公开办 (the county supervisor): every subordinate agency's status, the county's summed 表三 and the
chart of the year against the last, then a folder of reports from outside the platform through the checker,
with the findings downloaded as a spreadsheet."""

import io

import pytest
from openpyxl import load_workbook

from tests.paths import REPORT_FIXTURES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_county_supervisor_oversees_and_checks(demo, walk):
    page = walk.page
    walk.login("xian_gkb")
    walk.check("home")
    assert "县财政局依申〔2025〕第6号" in walk.main_text()  # overdue in a subordinate agency

    # One table of every subordinate agency, sorted by the overdue requests, each figure a link, exported.
    page.get_by_role("link", name="下属机关总览").click()
    walk.check("overview")
    table = page.locator("table#overview")
    assert table.locator("tbody tr").count() == 4
    table.get_by_role("link", name="已逾期申请").click()
    walk.check()
    table.get_by_role("link", name="已逾期申请 ▲").click()  # again: the most overdue first
    walk.check("overview-by-overdue")
    first = table.locator("tbody tr").first
    assert first.locator("[data-cell=overdue]").inner_text() == "1"
    with page.expect_download() as download:
        page.get_by_role("link", name="导出 Excel").click()
    with open(download.value.path(), "rb") as f:
        sheet = load_workbook(io.BytesIO(f.read())).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(names) == 4 and names[0] == first.locator("th").inner_text()
    first.locator("[data-cell=overdue] a").click()  # the figure opens the agency's overdue requests
    walk.check("overview-overdue-requests")
    assert "依申" in walk.main_text()
    page.go_back()

    page.get_by_role("navigation", name="主导航").get_by_role("link", name="年度报告").click()
    walk.check("reports")
    with page.expect_navigation():  # the year list submits itself
        page.get_by_label("报告年度").select_option(label="2025年")
    walk.check("reports-2025")
    text = walk.main_text()
    for name in ("叶城县乌夏巴什镇人民政府", "叶城县财政局"):  # late for 31 January
        assert name in text
    assert "已逾期" in text and "表三合计" in text
    assert page.locator("#yoy-chart canvas, #yoy-chart svg").count() >= 1  # the chart drew

    page.get_by_role("navigation", name="主导航").get_by_role("link", name="报告检查").click()
    walk.check("checker")
    files = sorted(str(p) for p in REPORT_FIXTURES.iterdir() if p.suffix == ".txt")
    page.get_by_label("年度报告文件").set_input_files(files)
    page.get_by_role("button", name="检查", exact=True).click()
    page.get_by_text(f"检查结果（{len(files)}份）").wait_for()
    walk.check("checker-results")
    with page.expect_download() as download:
        page.get_by_role("button", name="下载检查结果（Excel）").click()
    with open(download.value.path(), "rb") as f:
        book = load_workbook(io.BytesIO(f.read()))
    assert [row[0] for row in book["汇总"].iter_rows(min_row=2, values_only=True)] == [
        p.rsplit("/", 1)[-1] for p in files]
    codes = {row[-1] for row in book["检查结果"].iter_rows(min_row=2, values_only=True)}
    assert "self_reference" in codes and "blank_cell" in codes
    walk.finish()
