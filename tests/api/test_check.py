"""POST /api/v1/check/: the same JSON as `gongkai report check --json`, for a token, with a size limit."""

import json

import jsonschema
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from gongkai.api import views_reports
from gongkai.statute.schema import annual_report_schema
from tests.paths import REPORT_FIXTURES

from .conftest import client_for

pytestmark = pytest.mark.django_db
ZONGLANG = REPORT_FIXTURES / "zonglang-2024.txt"


def upload(path=ZONGLANG, content=None):
    return SimpleUploadedFile(path.name, content if content is not None else path.read_bytes(), "text/plain")


def test_the_answer_is_what_the_command_prints(read_token, capsys):
    response = client_for(read_token).post("/api/v1/check/", {"file": upload()}, format="multipart")
    assert response.status_code == 200
    call_command("report", "check", str(ZONGLANG), "--json")
    assert response.json() == json.loads(capsys.readouterr().out)
    jsonschema.validate(response.json(), annual_report_schema())
    assert response.json()["agency"] == "叶城县宗朗乡人民政府"


def test_a_supervising_token_may_check_too(supervise_token):
    text = ZONGLANG.read_text(encoding="utf-8")
    response = client_for(supervise_token).post("/api/v1/check/", {"file": upload(content=text.encode())},
                                                format="multipart")
    assert response.status_code == 200 and isinstance(response.json()["findings"], list)


def test_an_upload_over_the_limit_is_413_in_chinese(read_token, monkeypatch):
    monkeypatch.setattr(views_reports, "MAX_BYTES", 1000)
    monkeypatch.setattr(views_reports, "MAX_MB", 20)
    response = client_for(read_token).post("/api/v1/check/", {"file": upload()}, format="multipart")
    assert response.status_code == 413
    assert response.json() == {"detail": "文件超过20MB，未检查", "errors": {"file": ["文件超过20MB，未检查"]}}


def test_a_missing_or_unreadable_file_is_a_field_error(read_token):
    client = client_for(read_token)
    missing = client.post("/api/v1/check/", {}, format="multipart")
    assert missing.status_code == 400
    assert missing.json()["errors"] == {"file": ["请上传年度报告文件（txt、html、docx、pdf）"]}
    empty = client.post("/api/v1/check/", {"file": upload(content=b"   ")}, format="multipart")
    assert empty.status_code == 400 and "没有文字" in empty.json()["errors"]["file"][0]


def test_the_checker_needs_a_read_or_supervise_token(anon, api):
    assert anon.post("/api/v1/check/", {"file": upload()}, format="multipart").status_code == 401
    response = api.post("/api/v1/check/", {"file": upload()}, format="multipart")
    assert response.status_code == 403
    assert response.json() == {"detail": "该令牌不能使用年度报告检查（需要“只读”或“上级监督”权限）"}


def test_the_checker_has_its_own_tighter_limit(read_token, monkeypatch):
    from gongkai.api.throttles import CheckRateThrottle

    monkeypatch.setattr(CheckRateThrottle, "rate", "1/min", raising=False)
    client = client_for(read_token)
    assert client.post("/api/v1/check/", {"file": upload()}, format="multipart").status_code == 200
    assert client.post("/api/v1/check/", {"file": upload()}, format="multipart").status_code == 429


def test_a_declared_length_over_the_limit_is_refused_before_reading(read_token):
    response = client_for(read_token).post("/api/v1/check/", {"file": upload()}, format="multipart",
                                           CONTENT_LENGTH=str(30 * 1024 * 1024))
    assert response.status_code == 413
