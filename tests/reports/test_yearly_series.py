from datetime import date

import pytest

from gongkai.reports.queries import yearly_series
from tests.reports.helpers import make_agency, make_requests, request_row

pytestmark = pytest.mark.django_db


def test_chart_series_counts_requests_received_and_closed_in_each_year_of_the_agencies_only():
    mine, other = make_agency(), make_agency()
    make_requests([
        request_row(mine, received_on=date(2024, 12, 31), closed_on=date(2025, 1, 2), outcome="granted"),
        request_row(mine, received_on=date(2025, 1, 1), closed_on=date(2025, 2, 1), outcome="unable.not_held"),
        request_row(mine, received_on=date(2025, 12, 31)),
        request_row(mine, received_on=date(2023, 5, 5), closed_on=date(2023, 6, 1), outcome="granted"),
        request_row(other, received_on=date(2025, 3, 3), closed_on=date(2025, 3, 9), outcome="granted"),
    ])
    series = yearly_series([mine], [2024, 2025])
    assert series["years"] == [2024, 2025] and series["new"] == [1, 2]
    assert [sum(counts[i] for counts in series["groups"].values()) for i in range(2)] == [0, 2]
    assert len(series["groups"]) == 2  # 予以公开 and 无法提供 are different outcome groups
