from datetime import date

import pytest

from gongkai.appeals.models import Appeal, AppealKind, AppealResult
from gongkai.appeals.queries import appeal_table
from gongkai.appeals.services import close_appeal, record_appeal
from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry
from gongkai.statute.report import Report, check_appeal_sum
from tests.reports.helpers import make_agency as AgencyFactory

pytestmark = pytest.mark.django_db


def _case(agency, kind, filed, closed=None, result=None):
    appeal = record_appeal(agency=agency, kind=kind, body="叶城县人民政府", filed_on=filed, actor="测试")
    if closed:
        appeal = close_appeal(appeal=appeal, result=result, closed_on=closed, actor="测试")
    return appeal


def test_case_filed_and_closed_in_the_year_counts_in_its_result_column():
    agency = AgencyFactory()
    _case(agency, AppealKind.REVIEW, date(2025, 3, 3), date(2025, 5, 20), AppealResult.UPHELD)
    table = appeal_table(agencies=[agency], year=2025)
    assert table["review"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1}


def test_case_open_at_year_end_is_pending_then_counts_again_with_its_result_next_year():
    agency = AgencyFactory()
    _case(agency, AppealKind.LITIGATION_DIRECT, date(2024, 11, 4), date(2025, 2, 10), AppealResult.CORRECTED)
    assert appeal_table(agencies=[agency], year=2024)["litigation_direct"]["pending"] == 1
    assert appeal_table(agencies=[agency], year=2025)["litigation_direct"] == {
        "upheld": 0, "corrected": 1, "other": 0, "pending": 0, "total": 1}
    assert appeal_table(agencies=[agency], year=2026)["litigation_direct"]["total"] == 0


def test_case_still_open_carries_over_every_year_as_pending():
    agency = AgencyFactory()
    _case(agency, AppealKind.LITIGATION_AFTER_REVIEW, date(2023, 6, 1))
    for year in (2023, 2024, 2025):
        assert appeal_table(agencies=[agency], year=year)["litigation_after_review"]["pending"] == 1
    assert appeal_table(agencies=[agency], year=2022)["litigation_after_review"]["total"] == 0


def test_cases_of_other_agencies_do_not_count():
    mine, other = AgencyFactory(), AgencyFactory()
    _case(other, AppealKind.REVIEW, date(2025, 3, 3))
    assert appeal_table(agencies=[mine], year=2025)["review"]["total"] == 0


def test_table_always_passes_the_appeal_sum_rule():
    agency = AgencyFactory()
    _case(agency, AppealKind.REVIEW, date(2025, 1, 3), date(2025, 2, 1), AppealResult.OTHER)
    _case(agency, AppealKind.REVIEW, date(2025, 4, 3))
    _case(agency, AppealKind.REVIEW, date(2024, 4, 3), date(2025, 7, 1), AppealResult.UPHELD)
    report = Report(agency=agency.name, year=2025)
    report.appeals = appeal_table(agencies=[agency], year=2025)
    assert report.appeals["review"]["total"] == 3
    assert check_appeal_sum(report) == []


def test_closing_twice_is_refused():
    agency = AgencyFactory()
    appeal = _case(agency, AppealKind.REVIEW, date(2025, 1, 3), date(2025, 2, 1), AppealResult.OTHER)
    with pytest.raises(DomainError, match="已于2025年02月01日审结"):
        close_appeal(appeal=appeal, result=AppealResult.UPHELD, closed_on=date(2025, 3, 1), actor="测试")


def test_closing_before_filing_or_as_pending_is_refused():
    agency = AgencyFactory()
    appeal = _case(agency, AppealKind.REVIEW, date(2025, 3, 3))
    with pytest.raises(DomainError, match="不能早于立案日期"):
        close_appeal(appeal=appeal, result=AppealResult.UPHELD, closed_on=date(2025, 3, 1), actor="测试")
    with pytest.raises(DomainError, match="审结时结果"):
        close_appeal(appeal=appeal, result=AppealResult.PENDING, closed_on=date(2025, 3, 9), actor="测试")


def test_every_appeal_service_writes_the_audit_trail():
    agency = AgencyFactory()
    _case(agency, AppealKind.REVIEW, date(2025, 1, 3), date(2025, 2, 1), AppealResult.OTHER)
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert "appeals.appeal.recorded" in actions and "appeals.appeal.closed" in actions


def test_database_refuses_a_closed_case_without_a_result():
    from django.db import IntegrityError

    agency = AgencyFactory()
    with pytest.raises(IntegrityError):
        Appeal.objects.create(agency=agency, kind="review", body="x", filed_on=date(2025, 1, 1),
                              closed_on=date(2025, 2, 1), result="pending")
