"""The supervisor's ECharts chart has a text alternative: the same figures as a table under it."""

import re
from datetime import date

import pytest
from django.urls import reverse

from gongkai.agencies.models import Kind, Level, Role
from tests.factories import staff
from tests.reports.helpers import make_agency, make_requests, request_row

pytestmark = pytest.mark.django_db


def test_the_year_on_year_chart_has_a_table_with_its_figures(client):
    county = make_agency("测试县人民政府", level=Level.COUNTY, kind=Kind.GOVERNMENT, short_name="测试县")
    town = make_agency("测试县甲乡人民政府", parent=county, short_name="甲乡")
    make_requests([
        request_row(town, received_on=date(2025, 3, 3), closed_on=date(2025, 3, 10), outcome="granted"),
        request_row(town, received_on=date(2025, 4, 3), closed_on=date(2025, 4, 10), outcome="granted"),
        request_row(town, received_on=date(2024, 5, 6)),
    ])
    client.force_login(staff(county, Role.SUPERVISOR))
    page = client.get(reverse("reports:index") + "?year=2025").content.decode()
    assert 'role="img"' in page and 'aria-describedby="yoy-table-caption"' in page
    table = page[page.index('<table id="yoy-table">'):]
    table = table[:table.index("</table>")]
    headers = re.findall(r'<th scope="col">([^<]*)</th>', table)
    assert headers == ["年度", "新收申请", "予以公开"]
    rows = re.findall(r'<th scope="row">(\d+)年</th>((?:<td class="num">\d+</td>)+)', table)
    cells = {year: re.findall(r"\d+", tds) for year, tds in rows}
    assert list(cells) == ["2021", "2022", "2023", "2024", "2025"]
    assert cells["2025"] == ["2", "2"] and cells["2024"] == ["1", "0"] and cells["2021"] == ["0", "0"]
