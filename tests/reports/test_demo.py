import json

import jsonschema
import pytest
from django.core.management import call_command

from gongkai.core.demo import load_demo
from gongkai.reports.build import build_report
from gongkai.statute.report import check_arithmetic
from tests.paths import SCHEMA as SCHEMA_PATH

pytestmark = pytest.mark.django_db
SCHEMA = json.loads(SCHEMA_PATH.read_text())


def test_demo_township_2024_report_reproduces_the_seed_and_2025_carries_over(capsys):
    ctx = load_demo()
    zonglang = ctx.agencies["zonglang"]
    call_command("report", "build", "--agency", "叶城县宗朗乡人民政府", "--year", "2024", "--format", "json")
    data = json.loads(capsys.readouterr().out)
    jsonschema.validate(data, SCHEMA)
    assert data["published_on"] == "2025-01-20"
    assert all(v == 0 for row in data["applications"].values() for v in row.values())
    assert all(v == 0 for row in data["appeals"].values() for v in row.values())
    proactive = data["proactive"]
    assert proactive["regulations"] == proactive["normative_documents"] == {"issued": 0, "repealed": 0, "in_force": 0}
    assert proactive["licensing"] == proactive["penalty"] == proactive["coercion"] == 0
    assert proactive["fees_10k_yuan"] == 0
    overview = data["sections"]["overview"]
    assert "9 条" in overview and "交易中心公开项目招标投标信息 1 条" in overview and "采购意向信息 1 条" in overview
    report_2025 = build_report(zonglang, 2025)
    assert check_arithmetic(report_2025) == []
    assert report_2025.applications["carried_in"] == data["applications"]["carried_out"]
    assert report_2025.appeals["review"]["upheld"] == 1
    assert report_2025.appeals["litigation_direct"]["pending"] == 1
    assert report_2025.proactive.licensing == 6


def test_the_published_reports_appear_in_the_catalog_on_their_own_publication_dates():
    from gongkai.catalog.models import Item

    load_demo()
    items = {i.title: i for i in Item.objects.filter(columns__kind="annual_report", title__contains="宗朗乡人民政府")}
    report_2024 = items["叶城县宗朗乡人民政府2024年政府信息公开工作年度报告"]
    assert report_2024.published_at.astimezone().date().isoformat() == "2025-01-20"
    assert "/2025-" in report_2024.index_number
