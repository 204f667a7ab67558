"""/api/schema/ is a valid OpenAPI document whose every field is described in Chinese, and every documented
response example is what the endpoint really returns: the same keys nested alike (error examples: the very
same body), and both fit the documented schema."""

import json
import re
from datetime import date

import jsonschema
import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openapi_spec_validator import validate as validate_spec
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.models import Request
from gongkai.reports.build import build_report
from gongkai.reports.models import AnnualReport, ReportState
from tests.paths import REPORT_FIXTURES

from .conftest import PERSON, client_for, path_of

pytestmark = pytest.mark.django_db
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def spec(anon):
    response = anon.get("/api/schema/?format=json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_schema_is_valid_openapi_in_json_and_yaml(spec, anon):
    validate_spec(spec)
    assert spec["openapi"].startswith("3.")
    assert yaml.safe_load(anon.get("/api/schema/").content) == spec
    assert set(spec["components"]["securitySchemes"]) == {"token"}


def test_every_field_and_parameter_is_described_in_chinese(spec):
    missing = []
    for name, schema in spec["components"]["schemas"].items():
        if name == "AnnualReport":  # the project's own schema, documented in annual-report-schema.md
            continue
        for field, prop in schema.get("properties", {}).items():
            text = prop.get("description", "")
            if not CJK.search(text):
                missing.append(f"{name}.{field}")
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            assert CJK.search(operation.get("summary", "")), f"{method} {path}"
            for parameter in operation.get("parameters", []):
                if not CJK.search(parameter.get("description", "")):
                    missing.append(f"{method} {path} ?{parameter['name']}")
    assert missing == []


def test_the_reference_page_is_served_without_a_cdn(anon):
    page = anon.get("/api/docs/").content.decode()
    assert "swagger-ui" in page
    assert "cdn" not in page.lower() and "unpkg" not in page and "jsdelivr" not in page
    assert "/static/drf_spectacular_sidecar/" in page


# --- the examples against the endpoints ----------------------------------------------------------------------


def same_shape(example, real, where="") -> list[str]:
    if isinstance(example, dict) and isinstance(real, dict):
        if set(example) != set(real):
            return [f"{where}: keys {sorted(example)} ≠ {sorted(real)}"]
        return [p for key in example for p in same_shape(example[key], real[key], f"{where}.{key}")]
    if isinstance(example, list) and isinstance(real, list):
        return same_shape(example[0], real[0], f"{where}[0]") if example and real else []
    if isinstance(example, dict | list) or isinstance(real, dict | list):
        return [f"{where}: {type(example).__name__} ≠ {type(real).__name__}"]
    return []


@pytest.fixture
def scenarios(api, anon, forward, clerk, agency, county, today, publisher, read_token, supervise_token):
    """(operationId, status) → the body the endpoint really returns in a situation like the example's."""
    today(date(2025, 9, 26))
    created = forward().json()
    repeated = forward().json()
    invalid = forward(id_number="110105194912310021", phone="", email="", reference="x").json()
    number_path = path_of(created["number"])
    status = api.get(f"/api/v1/requests/{number_path}/").json()
    refused = api.post(f"/api/v1/requests/{number_path}/supplement/", {"text": "补充"}, format="json").json()
    req = Request.objects.get(number=created["number"])
    today(date(2025, 9, 29))
    services.request_supplement(req, actor=clerk, day=date(2025, 9, 29), items="请说明所需信息的时间范围",
                                supplement_due=date(2025, 10, 20))
    today(date(2025, 10, 9))
    supplemented = api.post(f"/api/v1/requests/{number_path}/supplement/", {"text": "第三季度"}, format="json").json()

    item = publisher("惠民补贴发放公示", art20_item=11, attachment="发放名单.pdf")
    publisher("另一条")
    data = build_report(agency, 2025)
    data.published_on = date(2026, 1, 22)
    AnnualReport.objects.create(agency=agency, year=2025, state=ReportState.PUBLISHED, frozen=data.to_json(),
                                frozen_at=timezone.now(), published_on=data.published_on)
    upload = SimpleUploadedFile("zonglang-2024.txt", (REPORT_FIXTURES / "zonglang-2024.txt").read_bytes())
    too_large = b"x" * (20 * 1024 * 1024 + 1)
    checker = client_for(read_token)
    return {
        ("requests_create", "201"): created, ("requests_create", "200"): repeated,
        ("requests_create", "400"): invalid,
        ("requests_retrieve", "200"): status,
        ("requests_supplement", "200"): supplemented, ("requests_supplement", "400"): refused,
        ("items_list", "200"): anon.get("/api/v1/items/?page_size=1").json(),
        ("items_list", "400"): anon.get("/api/v1/items/?art20=16").json(),
        ("items_retrieve", "200"): anon.get(f"/api/v1/items/{item.pk}/").json(),
        ("reports_retrieve", "200"): json.loads(anon.get(f"/api/v1/reports/{agency.uscc}/2025/").content),
        ("reports_rollup", "200"):
            client_for(supervise_token).get(f"/api/v1/reports/{county.uscc}/2025/rollup/").json(),
        ("check_create", "200"): checker.post("/api/v1/check/", {"file": upload}, format="multipart").json(),
        ("check_create", "413"): checker.post("/api/v1/check/", {"file": SimpleUploadedFile("big.pdf", too_large)},
                                              format="multipart").json(),
    }


def _validator(spec, pointer: str):
    registry = Registry().with_resource("urn:spec", Resource.from_contents(spec, default_specification=DRAFT202012))
    return jsonschema.Draft202012Validator({"$ref": f"urn:spec#{pointer}"}, registry=registry)


def _pointer(*parts) -> str:
    return "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def test_every_response_example_is_what_the_endpoint_returns(spec, scenarios):
    checked = set()
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            for code, response in operation["responses"].items():
                media = response.get("content", {}).get("application/json", {})
                for name, example in media.get("examples", {}).items():
                    key = (operation["operationId"], code)
                    assert key in scenarios, f"no scenario calls {key} for the example “{name}”"
                    real = scenarios[key]
                    assert same_shape(example["value"], real) == [], (key, name)
                    if code.startswith("4"):
                        assert example["value"] == real, (key, name)
                    validator = _validator(spec, _pointer("paths", path, method, "responses", code, "content",
                                                          "application/json", "schema"))
                    validator.validate(example["value"])
                    validator.validate(real)
                    checked.add(key)
    assert checked == set(scenarios)


def test_every_request_example_is_accepted(spec, api, today):
    today(date(2026, 11, 30))  # the examples' day
    operation = spec["paths"]["/api/v1/requests/"]["post"]
    for example in operation["requestBody"]["content"]["application/json"]["examples"].values():
        assert set(example["value"]) <= set(PERSON) | {"submitted_on", "forwarded_at"}
        assert api.post("/api/v1/requests/", example["value"], format="json").status_code == 201
