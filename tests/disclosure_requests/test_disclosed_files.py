"""The information disclosed with a 予以公开/部分公开 reply: attached by the agency's staff, downloaded by the
applicant with the letter after the query code, by nobody else (issue #15)."""

from datetime import date
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.core.errors import DomainError, PermissionDenied
from gongkai.core.models import AuditEntry
from gongkai.disclosure_requests import disclosed, services
from gongkai.disclosure_requests.models import DisclosedFile

NAME = "2024年惠民补贴<发放>名单&说明.pdf"


def _pdf(name=NAME, body=b"%PDF-1.4 list of payments"):
    return SimpleUploadedFile(name, body, content_type="application/pdf")


@pytest.fixture
def granted(register, clerk):
    req = register(date(2025, 9, 1), channel="email")
    services.issue_reply(req, actor=clerk, day=date(2025, 9, 10), outcome="granted", how="随告知书提供电子件")
    req.refresh_from_db()
    return req


def test_a_granted_reply_takes_files_in_the_private_storage_and_the_attach_is_audited(granted, clerk):
    [saved] = disclosed.attach_files(granted, actor=clerk, files=[_pdf()])
    assert saved.name == NAME and saved.document == granted.documents.get(kind="reply")
    path = Path(saved.file.path)
    assert Path(settings.PRIVATE_MEDIA_ROOT) in path.parents and path.read_bytes() == b"%PDF-1.4 list of payments"
    entry = AuditEntry.objects.get(action="requests.disclosed_file.attached")
    assert entry.data["files"] == [{"id": saved.pk, "name": NAME, "size": 25}]
    assert entry.object_id == str(granted.pk)


def test_a_partial_reply_takes_files_too(register, clerk):
    req = register(date(2025, 9, 1))
    services.issue_reply(req, actor=clerk, day=date(2025, 9, 10), outcome="partial", withheld="银行账号",
                         reason="涉及个人隐私")
    req.refresh_from_db()
    assert len(disclosed.attach_files(req, actor=clerk, files=[_pdf()])) == 1


@pytest.mark.parametrize(("outcome", "extra"), [("denied.state_secret", {"reason": "属于国家秘密"}),
                                                ("unable.not_held", {"reason": "本机关未制作"})])
def test_a_refusal_takes_no_files_the_service_says_why(register, clerk, outcome, extra):
    req = register(date(2025, 9, 1))
    services.issue_reply(req, actor=clerk, day=date(2025, 9, 10), outcome=outcome, **extra)
    req.refresh_from_db()
    with pytest.raises(DomainError, match="办理结果为.*只有办理结果为“予以公开”或“部分公开”") as refused:
        disclosed.attach_files(req, actor=clerk, files=[_pdf()])
    assert refused.value.field == "outcome"
    assert not DisclosedFile.objects.exists() and not list(Path(settings.PRIVATE_MEDIA_ROOT).rglob("*.pdf"))


def test_an_open_request_takes_no_files(register, clerk):
    req = register(date(2025, 9, 1))
    with pytest.raises(DomainError, match="尚未作出答复") as refused:
        disclosed.attach_files(req, actor=clerk, files=[_pdf()])
    assert refused.value.field == "outcome"


def test_only_the_agencys_own_staff_attach(granted, outsider):
    with pytest.raises(PermissionDenied):
        disclosed.attach_files(granted, actor=outsider, files=[_pdf()])


def test_an_executable_or_a_disallowed_type_is_refused(granted, clerk):
    with pytest.raises(DomainError, match="类型不允许上传") as refused:
        disclosed.attach_files(granted, actor=clerk, files=[_pdf("名单.pdf", b"MZ\x90\x00 evil")])
    assert refused.value.field == "files"
    with pytest.raises(DomainError, match="类型不允许上传"):
        disclosed.attach_files(granted, actor=clerk, files=[_pdf("名单.exe")])


def test_a_folder_part_or_control_characters_in_a_name_are_dropped():
    assert disclosed.display_name("..\\..\\etc/名单\x00\x1b.pdf") == "名单.pdf"
    assert disclosed.display_name("a" * 300 + ".pdf").endswith("a.pdf") and len(disclosed.display_name("a" * 300
                                                                                                      + ".pdf")) == 200


def test_staff_attach_through_the_detail_page_and_see_the_names_escaped(client, clerk, granted):
    client.force_login(clerk)
    detail = reverse("requests:detail", args=[granted.pk])
    assert "附送文件" in client.get(detail).content.decode()
    response = client.post(reverse("requests:attach_disclosed", args=[granted.pk]), {"files": [_pdf()]})
    assert response.status_code == 302
    page = client.get(detail).content.decode()
    assert "2024年惠民补贴&lt;发放&gt;名单&amp;说明.pdf" in page and NAME not in page


def test_the_detail_page_offers_no_upload_for_a_refusal_and_a_forged_post_gets_the_message(client, clerk, register):
    req = register(date(2025, 9, 1))
    services.issue_reply(req, actor=clerk, day=date(2025, 9, 10), outcome="denied.state_secret", reason="国家秘密")
    client.force_login(clerk)
    assert "附送文件" not in client.get(reverse("requests:detail", args=[req.pk])).content.decode()
    response = client.post(reverse("requests:attach_disclosed", args=[req.pk]), {"files": [_pdf()]})
    assert response.status_code == 400 and "只有办理结果为“予以公开”或“部分公开”" in response.content.decode()
    assert not DisclosedFile.objects.exists()


def test_the_applicant_downloads_the_file_with_the_letter_only_with_the_query_code(client, granted, clerk):
    [saved] = disclosed.attach_files(granted, actor=clerk, files=[_pdf()])
    url = reverse("ysqgk:disclosed_file", args=[saved.pk])
    assert client.get(url).status_code == 404  # no verified query session
    client.post(reverse("ysqgk:query"), {"number": granted.number, "code": "WRONG-CODE"})
    assert client.get(url).status_code == 404
    client.post(reverse("ysqgk:query"), {"number": granted.number, "code": granted.query_code})
    status = client.get(reverse("ysqgk:status")).content.decode()
    assert url in status and "公开的信息" in status and "政府信息公开申请答复告知书" in status
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 list of payments"
    assert f"filename*=utf-8''{quote(NAME)}" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    assert AuditEntry.objects.filter(action="requests.applicant.disclosed_file").count() == 1


def test_another_applicant_with_a_valid_code_of_their_own_gets_404(client, granted, clerk, register):
    [saved] = disclosed.attach_files(granted, actor=clerk, files=[_pdf()])
    theirs = register(date(2025, 9, 2), applicant_name="李四", id_number="11010519491231002X")
    client.post(reverse("ysqgk:query"), {"number": theirs.number, "code": theirs.query_code})
    assert client.get(reverse("ysqgk:status")).status_code == 200  # their own session is valid
    assert client.get(reverse("ysqgk:disclosed_file", args=[saved.pk])).status_code == 404


def test_a_new_query_code_ends_the_download(client, granted, clerk):
    from gongkai.disclosure_requests.applicant_access import reissue_query_code

    [saved] = disclosed.attach_files(granted, actor=clerk, files=[_pdf()])
    client.post(reverse("ysqgk:query"), {"number": granted.number, "code": granted.query_code})
    url = reverse("ysqgk:disclosed_file", args=[saved.pk])
    assert client.get(url).status_code == 200
    reissue_query_code(granted, actor=clerk)
    assert client.get(url).status_code == 404


def test_another_agencys_clerk_gets_404_on_the_staff_download(client, granted, clerk, outsider):
    [saved] = disclosed.attach_files(granted, actor=clerk, files=[_pdf()])
    url = reverse("requests:disclosed_file", args=[granted.pk, saved.pk])
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(clerk)
    assert client.get(url).status_code == 200
