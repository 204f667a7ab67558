"""The demo's published reports pass the publication gates, and the portal lists one report per year."""

import pytest
from django.urls import reverse

from gongkai.core.demo import load_demo
from gongkai.reports.guards import blocking_findings, publication_opens
from gongkai.reports.models import AnnualReport, ReportState
from gongkai.reports.services import report_data

pytestmark = pytest.mark.django_db


def test_the_demo_publishes_after_the_year_signed_off_by_the_head_and_checker_clean(client):
    ctx = load_demo()
    zonglang = ctx.agencies["zonglang"]
    published = AnnualReport.objects.filter(agency=zonglang, state=ReportState.PUBLISHED).order_by("year")
    assert [r.year for r in published] == [2024, 2025]
    for report in published:
        assert report.published_on >= publication_opens(report.year)
        sign_off = report.review_steps.get(level="sign_off")
        assert sign_off.actor == ctx.users["zl_fuzeren"] and sign_off.decision == "approved"
        assert blocking_findings(report_data(report)) == [], report.year
    page = client.get(reverse("xxgk:reports", args=[zonglang.pk])).content.decode()
    current = page.split("<ul>", 1)[1]
    assert current.count("2024年政府信息公开工作年度报告</a>") == 1  # the catalog's copy only as the replaced one
    assert "2024年政府信息公开工作年度报告（已被替代的旧版本）" in page
