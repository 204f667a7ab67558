"""One agency's report is a single SQL statement; it must agree with the per-table ORM queries the roll-up uses."""

from datetime import date, timedelta

import pytest
from django.db import connection

from gongkai.appeals.models import Appeal
from gongkai.catalog.models import Item
from gongkai.reports.build import build_report, build_rollup
from gongkai.reports.models import ArticleTwentyFigures
from gongkai.statute.report import check_arithmetic
from tests.reports.helpers import make_agency, make_requests, request_row

pytestmark = pytest.mark.django_db


def records_for(agency, *, offset: int):
    make_requests([
        request_row(agency, applicant_type="business", received_on=date(2025, 3, 3 + offset),
                    closed_on=date(2025, 3, 31), outcome="partial"),
        request_row(agency, applicant_type="natural_person", received_on=date(2025, 12, 20 + offset)),
        request_row(agency, applicant_type="legal_service", received_on=date(2024, 12, 16),
                    closed_on=date(2025, 1, 14), outcome="unable.not_held"),
    ] + [request_row(agency, applicant_type="research", received_on=date(2025, 5, 6) + timedelta(days=i),
                     closed_on=date(2025, 6, 1), outcome="granted") for i in range(offset + 2)])
    Appeal.objects.create(agency=agency, kind="review", body="叶城县人民政府", filed_on=date(2025, 2, 1),
                          closed_on=date(2025, 4, 1), result="corrected")
    Appeal.objects.create(agency=agency, kind="litigation_direct", body="叶城县人民法院", filed_on=date(2024, 11, 1))
    Item.objects.create(agency=agency, title="规章一", state="published", doc_kind="regulation",
                        written_on=date(2025, 6, 1))
    Item.objects.create(agency=agency, title="规范性文件一", state="published", doc_kind="normative",
                        written_on=date(2023, 6, 1), invalid_on=date(2025, 9, 1))
    ArticleTwentyFigures.objects.create(agency=agency, year=2025, licensing=10 + offset, penalty=3, coercion=1,
                                        fees_10k_yuan="0.5000")


def test_one_agency_report_is_one_sql_statement(django_assert_num_queries):
    agency = make_agency()
    records_for(agency, offset=0)
    build_report(agency, 2025)  # the first call may look the tables up once per process
    with django_assert_num_queries(1):
        build_report(agency, 2025)


def test_one_statement_report_equals_the_per_table_queries_and_ignores_other_agencies():
    mine, other = make_agency(), make_agency()
    records_for(mine, offset=0)
    records_for(other, offset=3)
    for year in (2024, 2025, 2026):
        fast, slow = build_report(mine, year), build_rollup([mine], year)
        assert (fast.applications, fast.appeals, fast.proactive) == (slow.applications, slow.appeals, slow.proactive)
        assert check_arithmetic(fast) == []
    report = build_report(mine, 2025)
    assert report.applications["new"]["total"] == 4 and report.applications["granted"]["research"] == 2
    assert report.appeals["review"]["corrected"] == 1 and report.appeals["litigation_direct"]["pending"] == 1
    assert (report.proactive.regulations.issued, report.proactive.normative_documents.repealed) == (1, 1)
    assert (report.proactive.licensing, report.proactive.fees_10k_yuan) == (10, 0.5)
    both = build_rollup([mine, other], 2025)
    assert both.proactive.licensing == 23 and both.applications["new"]["total"] == 4 + 7


@pytest.mark.django_db(transaction=True)
def test_the_statement_survives_a_new_database_connection():
    """On PostgreSQL the statement is prepared per connection: a reconnect must prepare it again, not fail."""
    agency = make_agency()
    records_for(agency, offset=1)
    before = build_report(agency, 2025)
    connection.close()
    after = build_report(agency, 2025)
    assert (after.applications, after.appeals, after.proactive) == (before.applications, before.appeals,
                                                                    before.proactive)
    assert after.applications["granted"]["research"] == 3
