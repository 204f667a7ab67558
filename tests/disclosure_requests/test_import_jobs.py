"""A ledger uploaded on the page is imported outside the request: a job row, run by a thread or `gongkai runjobs`."""

import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from gongkai.core.audit import verify_chain
from gongkai.disclosure_requests import importjobs
from gongkai.disclosure_requests.models import ImportJob, Request

from .test_ledger_and_history import _row, _xlsx


def _upload(client, clerk, content):
    client.force_login(clerk)
    return client.post(reverse("requests:ledger_import"),
                       {"file": SimpleUploadedFile("台账.xlsx", content)})


def test_the_upload_queues_a_job_and_the_status_page_shows_the_result(client, agency, clerk):
    response = _upload(client, clerk, _xlsx([_row(agency), _row(agency, 办结日期=None, 办理结果=None)]))
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == reverse("requests:ledger_import_job", args=[job.pk])
    assert job.status == "queued" and not Request.objects.exists()  # nothing ran inside the request
    page = client.get(response.url)
    assert "排队中" in page.content.decode() and 'hx-trigger="every 2s"' in page.content.decode()

    call_command("runjobs", stdout=io.StringIO())
    job.refresh_from_db()
    assert job.status == "done" and job.result["imported"] == 2 and job.content == b""
    assert Request.objects.filter(agency=agency).count() == 2
    page = client.get(response.url, HTTP_HX_REQUEST="true").content.decode()
    assert "已导入 2 件申请" in page and "hx-trigger" not in page
    assert importjobs.run_job(job.pk) is None  # claimed once only
    assert verify_chain() == []


def test_a_bad_row_fails_the_job_and_the_page_lists_it(client, agency, clerk):
    bad = _row(agency, 收到日期=date(2025, 2, 1), 证件号码="110105194912310021")
    _upload(client, clerk, _xlsx([_row(agency), bad]))
    job = importjobs.run_job(ImportJob.objects.get().pk)
    assert job.status == "failed" and not Request.objects.exists()
    page = client.get(reverse("requests:ledger_import_job", args=[job.pk])).content.decode()
    assert "未导入任何记录" in page and "第3行“证件号码”列：居民身份证号码校验位错误" in page


def test_a_job_left_running_by_a_dead_process_is_failed_by_runjobs(agency, clerk):
    from datetime import timedelta

    from django.utils import timezone

    job = ImportJob.objects.create(user=clerk, filename="台账.xlsx", status="running",
                                   started_at=timezone.now() - timedelta(hours=3))
    importjobs.run_pending()
    job.refresh_from_db()
    assert job.status == "failed" and "意外中止" in job.result["problems"][0]


def test_the_page_refuses_a_file_that_is_not_xlsx(client, agency, clerk):
    client.force_login(clerk)
    response = client.post(reverse("requests:ledger_import"), {"file": SimpleUploadedFile("台账.xls", b"x")})
    assert response.status_code == 400 and "不超过50MB的 .xlsx" in response.content.decode()
    assert not ImportJob.objects.exists()
