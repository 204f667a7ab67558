"""The county supervisor's journey: upload published reports to the checker in a real browser."""

import pytest

from gongkai.agencies.models import Role
from tests.factories import AgencyFactory, staff
from tests.paths import REPO, REPORT_FIXTURES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_supervisor_uploads_reports_and_sees_the_findings_marked(live_server, page):
    county = AgencyFactory(name="叶城县人民政府", short_name="叶城县")
    staff(county, Role.SUPERVISOR, username="gkb")
    page.goto(f"{live_server.url}/login/?next=/staff/check/")
    page.fill("input[name=username]", "gkb")
    page.fill("input[name=password]", "pw-12345678")
    page.click("button.primary")
    page.wait_for_url("**/staff/check/")
    page.set_input_files("input[name=files]", [
        str(REPORT_FIXTURES / "zonglang-2024.txt"),
        str(REPORT_FIXTURES / "changchun-erdao-fangwuzhengshouban_2022.txt"),
    ])
    page.click("button:has-text('检查')")
    page.wait_for_selector("text=检查结果（2份）")
    body = page.inner_text("main")
    assert "机关名称或自称不符" in body and "我镇" in body
    # The Changchun page leaves a 总计 blank: a blank total is reported as such, never as an arithmetic error.
    assert "空白单元格" in body and "表三申请人合计不符" not in body
    marked = page.locator("td.overdue")
    assert marked.count() >= 1  # the cell behind a finding is marked on the table, the finding in its title
    assert " — " in marked.first.get_attribute("title") and marked.first.get_attribute("aria-label")
    with page.expect_download() as download:
        page.click("button:has-text('下载检查结果（Excel）')")
    assert download.value.suggested_filename.startswith("年度报告检查结果-")
    (REPO / "docs").mkdir(exist_ok=True)
    page.screenshot(path=str(REPO / "docs" / "checker-page.png"), full_page=False)
