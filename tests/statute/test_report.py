import json

import jsonschema
from hypothesis import given
from hypothesis import strategies as st

from gongkai.statute.outcomes import APPLICANT_KEYS, OUTCOME_KEYS
from gongkai.statute.report import (
    COLUMNS,
    Report,
    RequestFact,
    check_arithmetic,
    tally_applications,
)
from tests.paths import SCHEMA

SCHEMA_JSON = json.loads(SCHEMA.read_text())


def codes(report):
    return [f.code for f in check_arithmetic(report)]


def test_an_empty_report_validates_against_the_shared_schema_and_passes_every_check():
    report = Report("叶城县宗朗乡人民政府", 2024)
    jsonschema.validate(report.to_json(), SCHEMA_JSON)
    assert check_arithmetic(report) == []


def test_json_round_trip_keeps_every_value():
    report = Report("叶城县宗朗乡人民政府", 2025)
    report.applications["granted"]["business"] = 3
    report.proactive.fees_10k_yuan = 0.35
    assert Report.loads(report.dumps()) == report


def test_a_broken_total_is_found_with_row_and_column():
    report = Report("某局", 2025)
    report.applications["new"]["natural_person"] = 2
    report.applications["new"]["total"] = 2
    report.applications["granted"]["natural_person"] = 2
    report.applications["granted"]["total"] = 2
    report.applications["total"]["natural_person"] = 2
    report.applications["total"]["total"] = 3
    findings = check_arithmetic(report)
    assert {f.code for f in findings} == {"balance", "outcome_sum", "column_sum"}
    column_sum = next(f for f in findings if f.code == "column_sum")
    assert "（七）总计" in column_sum.where and "总计" in column_sum.where


def test_appeal_totals_and_negative_counts_are_found():
    report = Report("某局", 2025)
    report.appeals["review"]["upheld"] = 1
    report.proactive.licensing = -1
    assert codes(report) == ["counts", "appeal_sum"]


def test_unreadable_cells_do_not_trigger_arithmetic_findings():
    report = Report("某局", 2025)
    report.applications["new"]["natural_person"] = None
    findings = check_arithmetic(report)
    assert not [f for f in findings if "自然人" in (f.where or "")]
    assert not [f for f in findings if f.code == "column_sum"]


facts = st.lists(st.builds(
    RequestFact,
    applicant_type=st.sampled_from(APPLICANT_KEYS),
    received_year=st.integers(2022, 2026),
    closed_year=st.none() | st.integers(2022, 2027),
    outcome=st.sampled_from(OUTCOME_KEYS),
).filter(lambda f: f.closed_year is None or f.closed_year >= f.received_year), max_size=60)


@given(facts)
def test_any_report_built_from_closed_requests_passes_every_check(requests):
    for year in (2023, 2024, 2025):
        report = Report("某乡人民政府", year, applications=tally_applications(requests, year))
        assert check_arithmetic(report) == []


def test_a_tallied_report_validates_against_the_schema():
    requests = [RequestFact("business", 2024, 2025, "partial"), RequestFact("natural_person", 2025)]
    report = Report("某乡人民政府", 2025, applications=tally_applications(requests, 2025))
    jsonschema.validate(report.to_json(), SCHEMA_JSON)
    assert report.applications["partial"]["business"] == 1 and report.applications["carried_out"]["total"] == 1


@given(facts)
def test_carried_in_of_a_year_is_carried_out_of_the_year_before(requests):
    for year in (2023, 2024, 2025, 2026):
        before = tally_applications(requests, year - 1)
        this = tally_applications(requests, year)
        assert all(this["carried_in"][c] == before["carried_out"][c] for c in COLUMNS)
