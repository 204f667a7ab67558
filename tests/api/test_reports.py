"""GET /api/v1/reports/{agency_code}/{year}/ (published report as the schema's JSON, no token) and …/rollup/
(a supervising token's subtree: summed tables and each agency's status)."""

import json
from datetime import date

import jsonschema
import pytest
from django.utils import timezone

from gongkai.api.models import Scope
from gongkai.api.tokens import create_token
from gongkai.reports.build import build_report
from gongkai.reports.models import AnnualReport, ReportState
from gongkai.reports.services import report_data
from gongkai.statute.schema import annual_report_schema

from .conftest import client_for

pytestmark = pytest.mark.django_db


def publish(agency, year, published_on, **tables):
    data = build_report(agency, year)
    data.published_on = published_on
    frozen = data.to_json()
    for key, value in tables.items():
        frozen["applications"][key] = value
    return AnnualReport.objects.create(agency=agency, year=year, state=ReportState.PUBLISHED, frozen=frozen,
                                       frozen_at=timezone.now(), published_on=published_on)


def test_a_published_report_is_its_frozen_json_and_valid_against_the_schema(anon, agency):
    report = publish(agency, 2025, date(2026, 1, 22))
    response = anon.get(f"/api/v1/reports/{agency.uscc}/2025/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(response.content)
    jsonschema.validate(data, annual_report_schema())
    assert data == report_data(report).to_json()
    assert (data["agency"], data["year"], data["published_on"]) == ("叶城县宗朗乡人民政府", 2025, "2026-01-22")
    assert anon.get(f"/api/v1/reports/{agency.pk}/2025/").content == response.content


def test_an_unpublished_year_or_an_unknown_agency_is_404(anon, agency):
    AnnualReport.objects.create(agency=agency, year=2026, state=ReportState.DRAFTING)
    response = anon.get(f"/api/v1/reports/{agency.uscc}/2026/")
    assert response.status_code == 404
    assert response.json() == {"detail": "叶城县宗朗乡人民政府2026年度报告尚未发布"}
    assert anon.get("/api/v1/reports/116531269999999999/2025/").json() == {
        "detail": "未找到代码为“116531269999999999”的机关"}


def test_a_supervising_token_gets_its_subtrees_rollup_and_status(supervise_token, county, agency, other_agency,
                                                                 today):
    today(date(2026, 2, 10))
    publish(agency, 2025, date(2026, 1, 22))
    response = client_for(supervise_token).get(f"/api/v1/reports/{county.uscc}/2025/rollup/")
    assert response.status_code == 200
    body = response.json()
    jsonschema.validate(body["rollup"], annual_report_schema())
    assert body["agencies"] == 3 and body["agency"] == "叶城县人民政府"
    statuses = {s["agency"]: s for s in body["statuses"]}
    # 条例第四十九条: a township by 31 January; the county government's own report by 31 March
    assert statuses["叶城县宗朗乡人民政府"]["status"] == "published"
    assert statuses["叶城县宗朗乡人民政府"]["published_on"] == "2026-01-22"
    assert statuses["叶城县乌夏巴什镇人民政府"] | {"findings": []} == {
        "agency": "叶城县乌夏巴什镇人民政府", "agency_code": other_agency.uscc, "status": "late",
        "status_label": "已逾期", "deadline": "2026-01-31", "days_left": -10, "published_on": None, "findings": []}
    own = statuses["叶城县人民政府"]
    assert (own["status"], own["deadline"]) == ("not_started", "2026-03-31")


def test_a_published_report_that_does_not_add_up_shows_its_findings(supervise_token, county, agency, today):
    today(date(2026, 2, 10))
    broken = {"natural_person": 1, "business": 0, "research": 0, "nonprofit": 0, "legal_service": 0,
              "other_org": 0, "total": 1}
    publish(agency, 2025, date(2026, 1, 22), new=broken)
    body = client_for(supervise_token).get(f"/api/v1/reports/{agency.uscc}/2025/rollup/").json()
    [status] = body["statuses"]
    assert status["status"] == "checks_failing" and status["status_label"] == "检查未通过"
    assert status["findings"] and all(f["severity"] in ("error", "warning") for f in status["findings"])


def test_rollup_needs_a_supervising_token_covering_the_agency(county, agency, intake_token, anon):
    assert anon.get(f"/api/v1/reports/{county.uscc}/2025/rollup/").status_code == 401
    assert client_for(intake_token).get(f"/api/v1/reports/{agency.uscc}/2025/rollup/").status_code == 403
    township = create_token(agency=agency, platform="宗朗乡", scope=Scope.SUPERVISE, actor="测试",
                            include_subtree=True)
    assert client_for(township).get(f"/api/v1/reports/{county.uscc}/2025/rollup/").status_code == 404
    assert client_for(township).get(f"/api/v1/reports/{agency.uscc}/2025/rollup/").status_code == 200


def test_every_demo_agency_and_year_answers_schema_valid_json_or_404():
    """The demo publishes 宗朗乡 2024 and 2025; every other agency and year is unpublished."""
    from gongkai.agencies.models import Agency
    from gongkai.core.demo import load_demo

    ctx = load_demo()
    schema = annual_report_schema()
    anon = client_for()
    published = set()
    for agency in Agency.objects.order_by("pk"):
        for year in (2023, 2024, 2025, 2026):
            response = anon.get(f"/api/v1/reports/{agency.uscc}/{year}/")
            if response.status_code == 404:
                continue
            assert response.status_code == 200
            data = json.loads(response.content)
            jsonschema.validate(data, schema)
            published.add((agency.short_name, year, data["published_on"]))
    assert published == {("宗朗乡", 2024, "2025-01-20"), ("宗朗乡", 2025, "2026-01-22")}
    supervisor = create_token(agency=ctx.agencies["county"], platform="县政务公开办", scope=Scope.SUPERVISE,
                              actor="测试", include_subtree=True)
    for year in (2024, 2025, 2026):
        body = client_for(supervisor).get(f"/api/v1/reports/{ctx.agencies['county'].uscc}/{year}/rollup/").json()
        jsonschema.validate(body["rollup"], schema)
        assert body["agencies"] == 4
