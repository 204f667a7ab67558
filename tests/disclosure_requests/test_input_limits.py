"""Issue #11 point 3: size and cost limits on public input.

Every text field is limited in its form and its model, with a Chinese message naming the field; request
bodies are capped while they are read (fields by DATA_UPLOAD_MAX_MEMORY_SIZE, files by the streaming upload
handler); the applicant history reads few requests and only their start; temporary uploads of a killed
worker are swept by runperiodic."""

import io
import os
import time
from datetime import date
from io import StringIO

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.core.handlers.wsgi import WSGIRequest
from django.core.management import call_command
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import resolve, reverse

from gongkai.core.uploads import upload_refusals
from gongkai.disclosure_requests import queries, services
from gongkai.disclosure_requests.forms import (
    MOVE_FORMS,
    PublicRequestForm,
    RegisterForm,
    SupplementUploadForm,
    WithdrawForm,
)
from gongkai.disclosure_requests.limits import DESCRIPTION_CHARS, HISTORY_REQUESTS, HISTORY_TEXT_CHARS
from gongkai.disclosure_requests.models import Attachment, Request
from tests.disclosure_requests.conftest import person

MB = 1024 * 1024


def _public(agency, **overrides):
    return {**person(), "agency": agency.pk, "token": "tok-limits", **overrides}


def test_the_description_is_limited_in_the_form_and_in_the_model(client, agency):
    too_long = "宗朗乡惠民补贴发放名单" * (DESCRIPTION_CHARS // 11) + "名单" * 4
    assert len(too_long) > DESCRIPTION_CHARS
    response = client.post(reverse("ysqgk:form"), _public(agency, description=too_long))
    message = f"所需信息描述不能超过{DESCRIPTION_CHARS}个字（现有{len(too_long)}个字）"
    assert f"所需信息描述：{message}" in response.content.decode()
    assert not Request.objects.exists()
    with pytest.raises(ValidationError) as refused:
        Request(description=too_long).clean_fields(exclude=[f.name for f in Request._meta.fields
                                                            if f.name != "description"])
    assert refused.value.message_dict["description"] == [message]
    fits = client.post(reverse("ysqgk:form"), _public(agency, description=too_long[:DESCRIPTION_CHARS]))
    assert fits.status_code == 302 and Request.objects.count() == 1


@pytest.mark.parametrize("form_class", [PublicRequestForm, RegisterForm, SupplementUploadForm, WithdrawForm,
                                        *dict.fromkeys(MOVE_FORMS.values())])
def test_every_text_field_of_the_request_forms_has_a_limit_with_a_message_naming_it(form_class):
    form = form_class(agencies=None) if form_class is RegisterForm else form_class()
    for name, field in form.fields.items():
        if type(field) in (forms.CharField, forms.EmailField):
            assert field.max_length, f"{form_class.__name__}.{name} has no max_length"
            if field.label:
                assert field.error_messages["max_length"].startswith(f"{field.label}不能超过"), name


def test_the_supplement_text_and_the_withdrawal_reason_are_limited(client, register, clerk):
    req = register(date(2025, 9, 1))
    services.request_supplement(req, actor=clerk, day=date(2025, 9, 2), items="文号", supplement_due=date(2025, 9, 30))
    client.post(reverse("ysqgk:query"), {"number": req.number, "code": req.query_code})
    response = client.post(reverse("ysqgk:supplement"), {"text": "补" * 5001})
    assert response.status_code == 400 and "补正内容不能超过5000个字（现有5001个字）" in response.content.decode()
    response = client.post(reverse("ysqgk:withdraw"), {"reason": "不" * 501})
    assert response.status_code == 400 and "撤回理由不能超过500个字（现有501个字）" in response.content.decode()
    req.refresh_from_db()
    assert req.state == "awaiting_supplement"


def test_a_body_of_fields_over_the_limit_is_refused_before_it_is_parsed(client, agency, settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 3 * MB
    huge = "长" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE  # 3 bytes a character in UTF-8
    response = client.post(reverse("ysqgk:form"), _public(agency, description=huge))
    assert response.status_code == 400 and not Request.objects.exists()


class _CountingInput(io.BytesIO):
    consumed = 0

    def read(self, size=-1):
        data = super().read(size)
        self.consumed += len(data)
        return data

    def readline(self, size=-1):
        data = super().readline(size)
        self.consumed += len(data)
        return data


def _multipart_request(path, data):
    body = encode_multipart(BOUNDARY, data)
    stream = _CountingInput(body)
    request = WSGIRequest({"REQUEST_METHOD": "POST", "PATH_INFO": path, "CONTENT_TYPE": MULTIPART_CONTENT,
                           "CONTENT_LENGTH": str(len(body)), "wsgi.input": stream, "SERVER_NAME": "testserver",
                           "SERVER_PORT": "80", "wsgi.url_scheme": "http"})
    request.resolver_match = resolve(path)
    return request, stream, len(body)


def test_an_oversized_file_is_stopped_while_it_streams_in(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    big = SimpleUploadedFile("scan.pdf", b"%PDF" + b"0" * (25 * MB))
    request, stream, length = _multipart_request(reverse("ysqgk:supplement"), {"text": "补正说明", "attachments": big})
    assert dict(request.FILES) == {} and request.POST["text"] == "补正说明"
    assert upload_refusals(request) == ["附件“scan.pdf”超过10MB，未上传"]
    assert stream.consumed < 11 * MB < length  # the rest of the 25 MB was never read
    assert list(tmp_path.iterdir()) == []  # the partial temporary file is gone


def test_every_other_upload_stops_at_the_site_wide_ceiling(settings):
    settings.GONGKAI_UPLOAD_MAX_FILE_BYTES = 2 * MB
    request, stream, length = _multipart_request(reverse("requests:ledger_import"),
                                                 {"file": SimpleUploadedFile("台账.xlsx", b"0" * (5 * MB))})
    assert dict(request.FILES) == {} and upload_refusals(request) == ["附件“台账.xlsx”超过2MB，未上传"]
    assert stream.consumed < 3 * MB


def test_the_public_form_names_the_file_too_large_and_keeps_the_text(client, agency, settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    big = SimpleUploadedFile("scan.pdf", b"%PDF" + b"0" * (11 * MB), content_type="application/pdf")
    response = client.post(reverse("ysqgk:form"), _public(agency, attachments=[big]))
    page = response.content.decode()
    assert "附件“scan.pdf”超过10MB，未上传" in page and "不能为空" not in page
    assert "2024年宗朗乡惠民补贴资金发放名单" in page  # the description came before the file and was kept
    assert not Request.objects.exists() and not Attachment.objects.exists() and list(tmp_path.iterdir()) == []


def test_the_history_lookup_reads_few_requests_and_only_their_start(client, register, clerk, monkeypatch):
    earlier = [register(date(2025, 9, 1)) for _ in range(3)]
    Request.objects.filter(pk=earlier[0].pk).update(description="惠民补贴发放名单" * 250_000)  # 2 MB, from before
    key = earlier[0].applicant_key
    Request.objects.bulk_create([Request(
        agency=earlier[0].agency, number=f"旧〔2024〕第{n}号", channel="in_person", applicant_type="natural_person",
        applicant_name="张三", applicant_key=key, description="2023年惠民补贴资金发放名单", form_wanted="paper",
        delivery="post", submitted_on=date(2024, 1, 2), received_on=date(2024, 1, 2), state="processing",
    ) for n in range(HISTORY_REQUESTS + 10)])
    current = register(date(2025, 9, 2))
    Request.objects.filter(pk=current.pk).update(description="惠民补贴资金发放名单" * 100_000)
    cut = []
    real_lcut = queries.jieba.lcut
    monkeypatch.setattr(queries.jieba, "lcut", lambda text: cut.append(len(text)) or real_lcut(text))
    client.force_login(clerk)
    started = time.monotonic()
    page = client.get(reverse("requests:detail", args=[current.pk]))
    assert page.status_code == 200 and time.monotonic() - started < 10
    assert len(cut) == 1 + HISTORY_REQUESTS and max(cut) <= HISTORY_TEXT_CHARS
    # The history while registering reads the same way, whatever is typed into it.
    cut.clear()
    client.get(reverse("requests:history"), {**person(), "description": "名单" * 50_000})
    assert len(cut) <= 1 + HISTORY_REQUESTS and max(cut) <= HISTORY_TEXT_CHARS


def test_temporary_uploads_go_to_a_known_folder_and_runperiodic_sweeps_stale_ones(db, settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    settings.GONGKAI_UPLOAD_TEMP_MAX_AGE_HOURS = 6
    upload = TemporaryUploadedFile("身份证.pdf", "application/pdf", 0, "utf-8")
    assert os.path.dirname(upload.temporary_file_path()) == str(tmp_path)
    stale, fresh, other = tmp_path / "tmpkilled.upload.pdf", tmp_path / "tmprunning.upload", tmp_path / "说明.txt"
    for path in (stale, fresh, other):
        path.write_bytes(b"%PDF partial")
    seven_hours_ago = time.time() - 7 * 3600
    for path in (stale, other):
        os.utime(path, (seven_hours_ago, seven_hours_ago))
    out = StringIO()
    call_command("runperiodic", "--today", "2025-10-13", stdout=out)
    assert not stale.exists() and fresh.exists() and other.exists()
    assert "清理超过6小时的上传临时文件 1 个" in out.getvalue()
    upload.close()
