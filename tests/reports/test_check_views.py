"""The checker page: supervisors upload reports and see findings marked on the tables."""


import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.agencies.models import Kind, Level, Membership, Role
from tests.paths import REPORT_FIXTURES as FIXTURES
from tests.reports.fixtures_check.build import figures, text_report
from tests.reports.helpers import make_agency

pytestmark = pytest.mark.django_db


@pytest.fixture
def supervisor(django_user_model):
    county = make_agency("叶城县人民政府", level=Level.COUNTY, kind=Kind.GOVERNMENT)
    user = django_user_model.objects.create_user("xian_gkb", password="x")
    Membership.objects.create(user=user, agency=county, role=Role.SUPERVISOR)
    return user


def test_a_supervisor_uploads_several_reports_and_sees_the_findings(client, supervisor):
    client.force_login(supervisor)
    rows = figures()
    rows["granted"] = [5, 1, 0, 0, 0, 0, 7]
    files = [
        SimpleUploadedFile("zonglang-2024.txt", (FIXTURES / "zonglang-2024.txt").read_bytes()),
        SimpleUploadedFile("broken.txt", text_report(rows=rows).encode()),
        SimpleUploadedFile("old.doc", b"\xd0\xcf\x11\xe0"),
    ]
    response = client.post(reverse("checker:index"), {"files": files})
    assert response.status_code == 200
    page = response.content.decode()
    assert "叶城县宗朗乡人民政府" in page and "我镇" in page and "column_sum" in page
    assert "无法读取" in page and "不支持旧版 Word" in page
    assert 'class="num overdue"' in page  # the broken 总计 is marked on the table


def test_a_clerk_without_supervision_cannot_use_the_checker(client, django_user_model):
    township = make_agency()
    clerk = django_user_model.objects.create_user("clerk", password="x")
    Membership.objects.create(user=clerk, agency=township, role=Role.CLERK)
    client.force_login(clerk)
    assert client.get(reverse("checker:index")).status_code in (400, 403)


def test_the_checker_needs_a_login(client):
    response = client.get(reverse("checker:index"))
    assert response.status_code == 302 and "/login/" in response["Location"]
