import json
from datetime import date, timedelta

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.reports.build import build_report, fee_summary
from gongkai.reports.models import ArticleTwentyFigures
from gongkai.statute.outcomes import APPLICANT_KEYS, OUTCOME_KEYS
from gongkai.statute.report import RequestFact, check_arithmetic, tally_applications
from tests.paths import SCHEMA as SCHEMA_PATH
from tests.reports.helpers import make_agency, make_requests, request_row

pytestmark = pytest.mark.django_db
SCHEMA = json.loads(SCHEMA_PATH.read_text())


def test_agency_without_any_record_gets_an_all_zero_report_that_validates():
    report = build_report(make_agency(), 2024)
    jsonschema.validate(report.to_json(), SCHEMA)
    assert check_arithmetic(report) == []
    assert all(v == 0 for _, v in report.cells())


def test_each_request_closed_in_the_year_counts_once_in_its_outcome_row_and_applicant_column():
    agency = make_agency()
    make_requests([
        request_row(agency, applicant_type="business", received_on=date(2025, 3, 3), closed_on=date(2025, 3, 31),
                    outcome="partial"),
        request_row(agency, applicant_type="natural_person", received_on=date(2025, 12, 20)),
        request_row(agency, applicant_type="legal_service", received_on=date(2024, 12, 16),
                    closed_on=date(2025, 1, 14), outcome="unable.not_held"),
        request_row(agency, applicant_type="natural_person", received_on=date(2024, 5, 6),
                    closed_on=date(2024, 5, 20), outcome="granted"),
    ])
    apps = build_report(agency, 2025).applications
    assert apps["new"] == {**dict.fromkeys(APPLICANT_KEYS, 0), "business": 1, "natural_person": 1, "total": 2}
    assert apps["carried_in"]["legal_service"] == 1 and apps["carried_in"]["total"] == 1
    assert apps["partial"]["business"] == 1
    assert apps["unable.not_held"]["legal_service"] == 1
    assert apps["granted"]["total"] == 0  # closed in 2024
    assert apps["total"]["total"] == 2
    assert apps["carried_out"] == {**dict.fromkeys(APPLICANT_KEYS, 0), "natural_person": 1, "total": 1}


def test_request_without_a_fixed_receipt_date_is_not_counted():
    agency = make_agency()
    make_requests([request_row(agency, received_on=None)])
    assert build_report(agency, 2025).applications["new"]["total"] == 0


def test_article_20_figures_entered_for_the_year_fill_table_two():
    agency = make_agency()
    ArticleTwentyFigures.objects.create(agency=agency, year=2025, licensing=12, penalty=3, coercion=1,
                                        fees_10k_yuan="1.2500")
    proactive = build_report(agency, 2025).proactive
    assert (proactive.licensing, proactive.penalty, proactive.coercion, proactive.fees_10k_yuan) == (12, 3, 1, 1.25)
    assert build_report(agency, 2024).proactive.licensing == 0


def test_fee_statement_counts_only_fees_paid_in_the_year():
    from gongkai.disclosure_requests.models import FeeNotice

    agency = make_agency()
    paid, unpaid = make_requests([request_row(agency, received_on=date(2025, 3, 3)),
                                  request_row(agency, received_on=date(2025, 3, 4))])
    FeeNotice.objects.create(request=paid, method="by_page", quantity=754, amount_yuan=24860,
                             notified_on=date(2025, 4, 1), paid_on=date(2025, 4, 10))
    FeeNotice.objects.create(request=unpaid, method="by_item", quantity=11, amount_yuan=100,
                             notified_on=date(2025, 4, 1))
    summary = fee_summary([agency], 2025)
    assert (summary.notices, summary.paid_count, summary.paid_yuan) == (2, 1, 24860)
    assert summary.sentence(2025) == "2025年度共收取信息处理费24860元（1件）。"
    assert fee_summary([agency], 2024).sentence(2024) == "2024年度未收取信息处理费。"


def test_build_report_runs_a_fixed_small_number_of_queries(django_assert_max_num_queries):
    agency = make_agency()
    make_requests([request_row(agency, received_on=date(2025, 1, 2) + timedelta(days=i)) for i in range(50)])
    with django_assert_max_num_queries(12):
        build_report(agency, 2025)


YEARS = (2023, 2024, 2025, 2026)
request_facts = st.lists(
    st.tuples(
        st.sampled_from(APPLICANT_KEYS),
        st.dates(date(2023, 1, 1), date(2026, 12, 31)),
        st.one_of(st.none(), st.integers(0, 500)),
        st.sampled_from(OUTCOME_KEYS),
    ),
    max_size=40,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(facts=request_facts)
def test_random_workloads_always_pass_every_check_and_carry_over_year_to_year(facts):
    agency = make_agency()
    rows = []
    for applicant, received, days_open, outcome in facts:
        closed = received + timedelta(days=days_open) if days_open is not None else None
        rows.append(request_row(agency, applicant_type=applicant, received_on=received, closed_on=closed,
                                outcome=outcome))
    make_requests(rows)
    reports = {year: build_report(agency, year) for year in YEARS}
    for year, report in reports.items():
        assert check_arithmetic(report) == [], year
        expected = tally_applications(
            [RequestFact(r.applicant_type, r.received_on.year, r.closed_on.year if r.closed_on else None, r.outcome)
             for r in rows], year)
        assert report.applications == expected
        if year - 1 in reports:
            assert report.applications["carried_in"] == reports[year - 1].applications["carried_out"]
    jsonschema.validate(reports[2025].to_json(), SCHEMA)
