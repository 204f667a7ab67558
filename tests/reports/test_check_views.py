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
    assert "叶城县宗朗乡人民政府" in page and "我镇" in page and "表三申请人合计不符" in page
    assert "无法读取" in page and "old.doc：旧版 Word/WPS 文件（.doc）" in page and "请另存为 .docx 或 PDF" in page
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


def test_the_page_names_findings_in_chinese_and_marks_the_cell_a_finding_names(client, supervisor):
    client.force_login(supervisor)
    report = text_report(overview="2024年，<script>我乡</script>共收到政府信息公开申请12件。")
    response = client.post(reverse("checker:index"), {"files": [SimpleUploadedFile("a.txt", report.encode())]})
    page = response.content.decode()
    assert "正文与表格不符" in page and "narrative_mismatch</strong>" not in page
    # The 新收 总计 cell carries the finding in its title and aria-label; the quoted text is escaped.
    assert 'class="num overdue" title="表三 · 一、本年新收政府信息公开申请数量 · 总计 — 正文与表格不符：' in page
    assert "aria-label=\"10：表三 · 一、本年新收政府信息公开申请数量 · 总计" in page
    assert "<script>我乡" not in page and "&lt;script&gt;我乡&lt;/script&gt;共收到" in page
    assert page.count('class="num overdue"') == 1


def test_the_findings_download_as_the_clis_spreadsheet(client, supervisor):
    import io

    import openpyxl

    client.force_login(supervisor)
    rows = figures()
    rows["granted"] = [5, 1, 0, 0, 0, 0, 7]
    files = [SimpleUploadedFile("broken.txt", text_report(rows=rows).encode()),
             SimpleUploadedFile("=cmd.txt", text_report(date="2025年3月1日").encode()),
             SimpleUploadedFile("old.doc", b"\xd0\xcf\x11\xe0")]
    page = client.post(reverse("checker:index"), {"files": files}).content.decode()
    import re

    payload = re.search(r'name="payload" value="([^"]+)"', page).group(1)
    response = client.post(reverse("checker:xlsx"), {"payload": payload})
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["汇总", "检查结果"]
    summary = list(book["汇总"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in summary] == ["broken.txt", "'=cmd.txt"]  # a formula-like name is escaped
    findings = list(book["检查结果"].iter_rows(min_row=2, values_only=True))
    assert ("表三申请人合计不符", "column_sum") in {(r[3], r[7]) for r in findings}
    assert ("逾期公布", "late_publication") in {(r[3], r[7]) for r in findings}


def test_a_tampered_download_is_refused_with_a_message(client, supervisor):
    client.force_login(supervisor)
    response = client.post(reverse("checker:xlsx"), {"payload": "forged"})
    assert response.status_code == 302
    follow = client.get(response["Location"])
    assert "下载内容已失效" in follow.content.decode()
