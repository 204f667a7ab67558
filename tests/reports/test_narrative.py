from datetime import date

import pytest

from gongkai.reports.build import build_report
from gongkai.reports.narrative import draft_sections
from tests.reports.helpers import make_agency, make_requests, request_row

pytestmark = pytest.mark.django_db


def test_draft_says_how_many_requests_came_in_and_how_they_ended():
    agency = make_agency()
    make_requests([
        request_row(agency, received_on=date(2025, 3, 3), closed_on=date(2025, 3, 20), outcome="granted"),
        request_row(agency, received_on=date(2025, 4, 3), closed_on=date(2025, 4, 20), outcome="denied.third_party"),
        request_row(agency, received_on=date(2025, 12, 29)),
    ])
    overview = draft_sections(agency, build_report(agency, 2025)).overview
    assert "2025年共新收政府信息公开申请3件，上年结转0件，办结2件" in overview
    assert "予以公开1件" in overview and "不予公开（保护第三方合法权益）1件" in overview
    assert "结转下年度继续办理1件" in overview
    assert [line[:3] for line in overview.splitlines()] == ["（一）", "（二）", "（三）", "（四）", "（五）"]
