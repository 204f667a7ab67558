"""One published report per agency and year: a 更正 replaces it visibly, the old one reachable as superseded."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry
from gongkai.reports.models import AnnualReport, ReportState
from gongkai.reports.queries import published_report
from gongkai.reports.services import review_report, save_sections, start_correction, start_report, submit_report
from gongkai.reports.sources import model_or_none
from gongkai.reports.transitions import Action

pytestmark = pytest.mark.django_db

FILLED = "（一）存在问题：无。\n（二）改进措施：加强培训。"


def _through(report, people, today, problems=FILLED):
    report.refresh_from_db()
    save_sections(report=report, actor=people["clerk"], overview=report.overview, problems=problems,
                  other=report.other)
    submit_report(report=report, user=people["clerk"])
    for level in ("first", "second", "final", "head"):
        report = review_report(report=report, user=people[level], action=Action.APPROVE, today=today)
    return report


@pytest.fixture
def published(team):
    agency, people = team
    return _through(start_report(agency=agency, year=2024, actor=people["clerk"]), people, date(2025, 1, 20))


def test_a_correction_supersedes_the_published_report_which_stays_reachable(team, published):
    agency, people = team
    assert start_report(agency=agency, year=2024, actor=people["clerk"]) == published  # no second report
    with pytest.raises(DomainError, match="更正原因"):
        start_correction(report=published, actor=people["clerk"], reason=" ")
    correction = start_correction(report=published, actor=people["clerk"], reason="表三结转数填报有误")
    assert correction.corrects == published and correction.state == ReportState.DRAFTING
    assert correction.problems == FILLED  # starts from the published text
    assert published_report(agency, 2024) == published  # still current until the correction is signed off
    with pytest.raises(DomainError, match="已有正在起草或审核"):
        start_correction(report=published, actor=people["clerk"], reason="再次更正")

    correction = _through(correction, people, date(2025, 3, 2),
                          problems="（一）存在问题：更正后的问题。\n（二）改进措施：培训。")
    published.refresh_from_db()
    assert published.state == ReportState.SUPERSEDED and published.superseded_on == date(2025, 3, 2)
    assert published_report(agency, 2024) == correction
    assert AnnualReport.objects.filter(agency=agency, year=2024, state=ReportState.PUBLISHED).count() == 1
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"reports.report.correction_started", "reports.report.superseded"} <= actions
    with pytest.raises(DomainError, match="只有现行的已发布报告可以更正"):
        start_correction(report=published, actor=people["clerk"], reason="更正旧版")


def test_the_database_allows_one_current_published_and_one_open_report_per_agency_and_year(team, published):
    agency, _ = team
    with pytest.raises(IntegrityError), transaction.atomic():
        AnnualReport.objects.create(agency=agency, year=2024, state=ReportState.PUBLISHED)
    AnnualReport.objects.create(agency=agency, year=2024, state=ReportState.SUPERSEDED)  # any number of old ones
    AnnualReport.objects.create(agency=agency, year=2024, state=ReportState.DRAFTING, corrects=published)
    with pytest.raises(IntegrityError), transaction.atomic():
        AnnualReport.objects.create(agency=agency, year=2024, state=ReportState.FIRST_REVIEW)


def test_the_portal_lists_one_report_per_year_and_links_the_superseded_version(client, team, published):
    if model_or_none("catalog.Item") is None:
        pytest.skip("catalog app not installed")
    agency, people = team
    old_item = published.catalog_item_id
    correction = _through(start_correction(report=published, actor=people["clerk"], reason="数据有误"), people,
                          date(2025, 3, 2))
    page = client.get(reverse("xxgk:reports", args=[agency.pk])).content.decode()
    title = f"{agency.name}2024年政府信息公开工作年度报告"
    assert page.count(title) == 2  # the current one, and under it the old one marked as replaced
    current_link = reverse("xxgk:item", args=[correction.catalog_item_id])
    old_link = reverse("xxgk:item", args=[old_item])
    assert page.index(current_link) < page.index("已被替代") < page.index(old_link)
    old_page = client.get(old_link).content.decode()
    assert "此为已被替代的旧版本" in old_page and current_link in old_page
    assert "已被替代" not in client.get(current_link).content.decode()


def _published_copy(agency, author, title, column, day):
    from django.utils import timezone

    from gongkai.catalog import services as catalog

    item = catalog.create_item(agency=agency, author=author, data={"title": title, "column_ids": [column.pk]})
    return catalog.publish_directly(item=item, when=timezone.make_aware(timezone.datetime(*day, 9)))


def test_a_copy_published_before_the_platform_is_listed_under_the_platforms_report_not_beside_it(client, team):
    """The demo's bug: the catalog's 2024 report and the platform's 2024 report, listed as two reports."""
    if model_or_none("catalog.Item") is None:
        pytest.skip("catalog app not installed")
    from gongkai.catalog.models import Column, ColumnKind

    agency, people = team
    column = Column.objects.create(agency=agency, name="政府信息公开工作年度报告", kind=ColumnKind.ANNUAL_REPORT)
    copy = _published_copy(agency, people["clerk"], f"{agency.short_name}2024年政府信息公开工作年度报告", column,
                           (2025, 1, 15))
    older = _published_copy(agency, people["clerk"], f"{agency.short_name}2023年政府信息公开工作年度报告", column,
                            (2024, 1, 15))
    report = _through(start_report(agency=agency, year=2024, actor=people["clerk"]), people, date(2025, 1, 20))
    assert report.replaced_item_ids == [copy.pk]
    page = client.get(reverse("xxgk:reports", args=[agency.pk])).content.decode()
    assert page.index(reverse("xxgk:item", args=[report.catalog_item_id])) < page.index("已被替代") \
        < page.index(reverse("xxgk:item", args=[copy.pk]))
    assert reverse("xxgk:item", args=[older.pk]) in page and page.count("已被替代的旧版本") == 1
