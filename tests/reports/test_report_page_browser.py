from pathlib import Path

import pytest
from django.test import Client

from gongkai.agencies.models import Role
from gongkai.core.demo import DEMO_PASSWORD
from tests.factories import staff
from tests.reports.helpers import make_agency

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "report-page.png"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_report_page_shows_the_national_tables_in_a_browser(page, live_server):
    from gongkai.reports.services import start_report

    agency = make_agency("叶城县示例乡人民政府", short_name="示例乡")
    clerk = staff(agency, Role.CLERK, username="shili_jingban")
    clerk.set_password(DEMO_PASSWORD)
    clerk.save()
    start_report(agency=agency, year=2025, actor=clerk)
    client = Client()
    client.force_login(clerk)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                               "url": live_server.url}])
    page.goto(f"{live_server.url}/staff/reports/{agency.pk}/2025/preview/")
    table = page.locator("table.report-table").nth(4)
    assert table.locator("th[colspan='7']").inner_text() == "申请人情况"
    assert page.locator("text=四、政府信息公开行政复议、行政诉讼情况").first.is_visible()
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1100, "height": 900})
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert SCREENSHOT.stat().st_size > 10_000
