"""Section 六's fee sentence counts requests, and says 没有产生 only when no fee notice went out."""

from datetime import date

import pytest

from gongkai.disclosure_requests.models import FeeNotice
from gongkai.reports.build import fee_summary
from gongkai.reports.narrative import fee_paragraph
from tests.reports.helpers import make_agency, make_requests, request_row

pytestmark = pytest.mark.django_db
D = date


def test_notices_issued_but_nothing_paid_is_not_no_fee_arising():
    agency = make_agency()
    first, second = make_requests([request_row(agency, received_on=D(2025, 3, 3)),
                                   request_row(agency, received_on=D(2025, 3, 4))])
    FeeNotice.objects.create(request=first, method="by_page", quantity=754, amount_yuan=24860,
                             notified_on=D(2025, 4, 1))
    FeeNotice.objects.create(request=second, method="by_item", quantity=11, amount_yuan=100,
                             notified_on=D(2025, 4, 2))
    text = fee_paragraph(fee_summary([agency], 2025), 2025)
    assert "没有产生" not in text
    assert "向2件政府信息公开申请发出收费通知" in text and "未收取信息处理费" in text


def test_one_request_charged_twice_in_old_records_counts_as_one_request():
    # Records from before one-notice-per-request: 100 元 by item, then 24,860 元 by page, both paid.
    agency = make_agency()
    (request,) = make_requests([request_row(agency, received_on=D(2025, 3, 3))])
    by_item = FeeNotice.objects.create(request=request, method="by_item", quantity=11, amount_yuan=100,
                                       notified_on=D(2025, 4, 1), paid_on=D(2025, 4, 3), superseded_on=D(2025, 4, 8))
    FeeNotice.objects.create(request=request, method="by_page", quantity=754, amount_yuan=24860,
                             notified_on=D(2025, 4, 8), paid_on=D(2025, 4, 10), replaces=by_item)
    summary = fee_summary([agency], 2025)
    assert (summary.notices, summary.paid_count, summary.paid_yuan) == (1, 1, 24960)
    assert "共收取信息处理费24960元（1件）" in fee_paragraph(summary, 2025)


def test_no_notice_at_all_keeps_the_no_fee_sentence():
    assert "没有产生信息公开处理费" in fee_paragraph(fee_summary([make_agency()], 2025), 2025)


def test_refreshing_the_sections_rewrites_the_whole_fee_paragraph_once():
    """Two notices, one paid: each review step's refresh left one more "共向2件…" sentence behind."""
    from gongkai.reports.build import build_report
    from gongkai.reports.narrative import refresh_sections
    from gongkai.statute.report import Sections

    agency = make_agency()
    first, second = make_requests([request_row(agency, received_on=D(2025, 3, 3)),
                                   request_row(agency, received_on=D(2025, 3, 4))])
    FeeNotice.objects.create(request=first, method="by_page", quantity=754, amount_yuan=24860,
                             notified_on=D(2025, 4, 1), paid_on=D(2025, 4, 3))
    FeeNotice.objects.create(request=second, method="by_item", quantity=11, amount_yuan=100,
                             notified_on=D(2025, 4, 2))
    paragraph = fee_paragraph(fee_summary([agency], 2025), 2025)
    assert paragraph.endswith("本年度共向2件申请发出收费通知。")
    report = build_report(agency, 2025)
    sections = Sections(overview="", problems="", other="本单位另有说明。" + paragraph)
    for _ in range(3):
        sections = refresh_sections(agency, report, sections)
    assert sections.other == "本单位另有说明。" + paragraph
    # A paragraph that already holds the repeated sentence is repaired.
    repeated = Sections(overview="", problems="", other=paragraph + "本年度共向2件申请发出收费通知。" * 3)
    assert refresh_sections(agency, report, repeated).other == paragraph
    # The unpaid form is refreshed too (it was never matched, so a later payment left it stale).
    rule = paragraph[:paragraph.index("2025")]
    unpaid = rule + "2025年度向2件政府信息公开申请发出收费通知，申请人未缴纳，未收取信息处理费。"
    assert refresh_sections(agency, report, Sections(overview="", problems="", other=unpaid)).other == paragraph
