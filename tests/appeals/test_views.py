"""Staff pages for 复议/诉讼 cases: record, edit, list with 表四 counts, deadlines, documents, permissions."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.appeals.models import Appeal, AppealDocument, AppealKind, AppealResult
from gongkai.appeals.services import close_appeal, record_appeal
from gongkai.core.models import AuditEntry
from gongkai.disclosure_requests import services as request_services
from gongkai.reports.build import build_report
from gongkai.statute.report import APPEAL_COLUMNS, APPEAL_GROUPS
from tests.disclosure_requests.conftest import person
from tests.factories import staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def supervisor(county):
    return staff(county, Role.SUPERVISOR)


@pytest.fixture
def replied(agency, clerk):
    req = request_services.register_request(agency=agency, actor=clerk, received_on=date(2025, 3, 3),
                                            fields=person(channel="in_person"))
    request_services.issue_reply(req, actor=clerk, day=date(2025, 3, 20), outcome="granted")
    return req


@pytest.fixture
def case(agency, clerk):
    return record_appeal(agency=agency, kind=AppealKind.REVIEW, body="叶城县人民政府", filed_on=date(2025, 9, 22),
                         actor=clerk, case_number="叶政复〔2025〕3号", copy_received_on=date(2025, 9, 26))


def _form(**overrides):
    data = {"kind": "review", "body": "叶城县人民政府", "case_number": "叶政复〔2025〕7号", "applicant_name": "张三",
            "filed_on": "2025-04-10", "copy_received_on": "", "answered_on": "", "result": "pending",
            "closed_on": "", "summary": "", "correction_reason": ""}
    return {**data, **overrides}


def test_request_with_a_reply_links_to_record_an_appeal(client, clerk, agency, replied):
    client.force_login(clerk)
    page = client.get(reverse("requests:detail", args=[replied.pk])).content.decode()
    assert "记录复议/诉讼" in page and f"{reverse('appeals:create')}?request={replied.pk}" in page
    unreplied = request_services.register_request(agency=agency, actor=clerk, received_on=date(2025, 3, 4),
                                                  fields=person(channel="in_person"))
    assert "记录复议/诉讼" not in client.get(reverse("requests:detail", args=[unreplied.pk])).content.decode()


def test_clerk_records_a_review_against_a_request_linked_to_its_reply(client, clerk, agency, replied):
    client.force_login(clerk)
    url = f"{reverse('appeals:create')}?request={replied.pk}"
    page = client.get(url).content.decode()
    assert 'type="date"' in page and "张三" in page
    response = client.post(url, _form(agency=agency.pk))
    appeal = Appeal.objects.get()
    assert response.status_code == 302 and response.url == reverse("appeals:detail", args=[appeal.pk])
    assert appeal.request == replied and appeal.reply == replied.documents.get(kind="reply")
    assert appeal.agency == agency and appeal.result == AppealResult.PENDING
    assert AuditEntry.objects.filter(action="appeals.appeal.recorded").exists()
    detail = client.get(response.url).content.decode()
    assert replied.number in detail and "叶政复〔2025〕7号" in detail


def test_a_bad_form_shows_the_error_beside_its_field(client, clerk, agency):
    client.force_login(clerk)
    response = client.post(reverse("appeals:create"), _form(agency=agency.pk, body="", result="upheld"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "这个字段是必填项" in page or "必填" in page
    assert not Appeal.objects.exists()


def test_a_decided_case_needs_a_closing_date(client, clerk, agency):
    client.force_login(clerk)
    response = client.post(reverse("appeals:create"), _form(agency=agency.pk, result="upheld"))
    assert response.status_code == 400 and "请填写审结日期" in response.content.decode()
    assert not Appeal.objects.exists()


def test_clerk_edits_a_case_to_close_it_and_the_change_is_audited(client, clerk, case):
    client.force_login(clerk)
    url = reverse("appeals:edit", args=[case.pk])
    assert 'value="2025-09-22"' in client.get(url).content.decode()  # ISO value the date input accepts
    response = client.post(url, _form(filed_on="2025-09-22", copy_received_on="2025-09-26",
                                      answered_on="2025-10-10", result="corrected", closed_on="2025-11-20",
                                      case_number="叶政复〔2025〕3号"))
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.result, case.closed_on, case.answered_on) == ("corrected", date(2025, 11, 20), date(2025, 10, 10))
    entry = AuditEntry.objects.get(action="appeals.appeal.updated")
    assert entry.data["after"]["result"] == "corrected"


def test_list_shows_the_cases_of_the_year(client, clerk, agency, case):
    client.force_login(clerk)
    page = client.get(reverse("appeals:list"), {"agency": agency.pk, "year": 2025}).content.decode()
    assert "叶政复〔2025〕3号" in page and "表四" in page
    assert "叶政复〔2025〕3号" not in client.get(reverse("appeals:list"),
                                               {"agency": agency.pk, "year": 2024}).content.decode()


def test_list_counts_are_the_table_four_figures_of_the_report(client, clerk, agency, case):
    close_appeal(appeal=case, result=AppealResult.UPHELD, closed_on=date(2025, 12, 1), actor=clerk)
    record_appeal(agency=agency, kind=AppealKind.LITIGATION_DIRECT, body="叶城县人民法院",
                  filed_on=date(2024, 6, 3), actor=clerk)  # carried over: pending in 2025
    late = record_appeal(agency=agency, kind=AppealKind.LITIGATION_AFTER_REVIEW, body="喀什中院",
                         filed_on=date(2025, 2, 3), actor=clerk)
    close_appeal(appeal=late, result=AppealResult.CORRECTED, closed_on=date(2026, 1, 5), actor=clerk)
    client.force_login(clerk)
    response = client.get(reverse("appeals:list"), {"agency": agency.pk, "year": 2025})
    report = build_report(agency, 2025).appeals
    shown = [cells for _label, cells in response.context["table_rows"]]
    assert shown == [[report[kind][col] for col in APPEAL_COLUMNS] for kind in APPEAL_GROUPS]
    assert report["review"]["upheld"] == 1 and report["litigation_direct"]["pending"] == 1
    assert report["litigation_after_review"]["pending"] == 1


def test_another_agencys_clerk_gets_404(client, outsider, agency, case):
    client.force_login(outsider)
    for name in ("appeals:detail", "appeals:edit"):
        assert client.get(reverse(name, args=[case.pk])).status_code == 404
    assert client.post(reverse("appeals:edit", args=[case.pk]), _form()).status_code == 404
    assert client.get(reverse("appeals:list"), {"agency": agency.pk}).status_code == 404
    assert "叶政复〔2025〕3号" not in client.get(reverse("appeals:list")).content.decode()


def test_supervisor_reads_the_subtree_but_cannot_write(client, supervisor, agency, case, replied):
    client.force_login(supervisor)
    assert client.get(reverse("appeals:detail", args=[case.pk])).status_code == 200
    page = client.get(reverse("appeals:list"), {"agency": agency.pk, "year": 2025}).content.decode()
    assert "叶政复〔2025〕3号" in page
    assert client.get(reverse("appeals:edit", args=[case.pk])).status_code == 403
    assert client.post(reverse("appeals:edit", args=[case.pk]), _form(result="upheld",
                                                                     closed_on="2025-12-01")).status_code == 403
    assert client.post(reverse("appeals:create"), _form()).status_code == 403
    assert client.post(f"{reverse('appeals:create')}?request={replied.pk}", _form()).status_code == 403
    upload = SimpleUploadedFile("答复书.pdf", b"%PDF-1.4")
    assert client.post(reverse("appeals:upload", args=[case.pk]), {"file": upload}).status_code == 403
    case.refresh_from_db()
    assert case.result == AppealResult.PENDING and Appeal.objects.count() == 1


def test_review_shows_the_ten_working_day_answer_deadline(client, clerk, case):
    """行政复议法 Art. 48: 10 working days from 2025-09-26 (Fri) across the 2025 National Day holiday
    (10-1..10-8 off, 9-28 and 10-11 worked): 9-28, 9-29, 9-30, 10-9, 10-10, 10-11, 10-13, 10-14, 10-15, 10-16."""
    client.force_login(clerk)
    page = client.get(reverse("appeals:detail", args=[case.pk])).content.decode()
    assert "书面答复期限：2025-10-16" in page and "第四十八条" in page


def test_litigation_has_no_answer_deadline_field_rule(client, clerk, agency):
    client.force_login(clerk)
    response = client.post(reverse("appeals:create"),
                           _form(agency=agency.pk, kind="litigation_direct", copy_received_on="2025-04-11"))
    assert response.status_code == 400 and "只有行政复议案件" in response.content.decode()


def test_uploaded_document_downloads_for_the_clerk_and_404s_for_an_outsider(client, clerk, outsider, case):
    client.force_login(clerk)
    upload = SimpleUploadedFile("行政复议答复书.pdf", b"%PDF-1.4 answer", content_type="application/pdf")
    response = client.post(reverse("appeals:upload", args=[case.pk]), {"file": upload})
    assert response.status_code == 302
    document = AppealDocument.objects.get()
    url = reverse("appeals:document", args=[case.pk, document.pk])
    assert url in client.get(reverse("appeals:detail", args=[case.pk])).content.decode()
    download = client.get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 answer"
    assert download["Cache-Control"] == "private, no-store"
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def _publish(agency, year, on):
    from gongkai.reports.models import AnnualReport, ReportState

    data = build_report(agency, year)
    data.published_on = on
    return AnnualReport.objects.create(agency=agency, year=year, state=ReportState.PUBLISHED, frozen=data.to_json(),
                                       published_on=on)


def test_an_edit_that_moves_a_published_years_table_needs_a_correction_reason(client, clerk, agency, case):
    """Changing the type of a case filed in 2025 changes the published 2025 表四: refused beside the reason field,
    then accepted with a reason as an audited correction that flags the report."""
    from gongkai.reports.models import CorrectionFlag

    _publish(agency, 2025, date(2026, 1, 20))
    client.force_login(clerk)
    url = reverse("appeals:edit", args=[case.pk])
    data = _form(kind="litigation_direct", filed_on="2025-09-22", case_number="叶政复〔2025〕3号")
    response = client.post(url, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "2025年度政府信息公开工作年度报告已于2026-01-20发布" in page
    assert page.index("已于2026-01-20发布") > page.index('name="summary"')  # beside 更正理由, the last field
    case.refresh_from_db()
    assert case.kind == AppealKind.REVIEW
    response = client.post(url, {**data, "correction_reason": "案件类型登记错误"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.kind == AppealKind.LITIGATION_DIRECT
    assert CorrectionFlag.objects.exists()
    assert AuditEntry.objects.filter(action="appeals.published_year.corrected").exists()


def test_an_edit_of_the_summary_alone_needs_no_correction_reason(client, clerk, agency, case):
    _publish(agency, 2025, date(2026, 1, 20))
    client.force_login(clerk)
    response = client.post(reverse("appeals:edit", args=[case.pk]),
                           _form(filed_on="2025-09-22", copy_received_on="2025-09-26",
                                 case_number="叶政复〔2025〕3号", summary="申请人称答复未说明理由"))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.summary == "申请人称答复未说明理由"
