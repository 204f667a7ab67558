"""Two app servers share PostgreSQL, Redis and S3-compatible object storage, as two hosts behind a balancer would.

An applicant submits on host A with an attachment; a clerk on host B downloads it and replies; the applicant
reads the reply letter on host A. Wrong query codes typed on both hosts count against one limit. Afterwards the
audit chain written by both hosts verifies.
"""

import os
import re
import subprocess
import sys
import time
from contextlib import ExitStack, contextmanager

import pytest
import redis
import requests
from django.conf import settings
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.core.audit import verify_chain
from gongkai.disclosure_requests.lookup_throttle import PAIR_LIMIT
from gongkai.disclosure_requests.models import Request
from tests.disclosure_requests.conftest import PERSON, make_agency
from tests.factories import staff
from tests.ops.conftest import free_port

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

REDIS_DB = 13
PASSWORD = "Zhenshi-mima-2026"
ATTACHMENT = b"%PDF-1.4\n%" + "身份证明复印件（两面）".encode() + bytes(range(256)) * 50 + b"\n%%EOF\n"


def _redis_url() -> str:
    return f"redis://127.0.0.1:6379/{REDIS_DB}"


@pytest.fixture
def shared_cache():
    client = redis.Redis.from_url(_redis_url())
    try:
        client.flushdb()
    except redis.ConnectionError:
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    yield
    client.flushdb()


@contextmanager
def app_server(env: dict):
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "gongkai.cli", "serve", "--bind", f"127.0.0.1:{port}",
                               "--workers", "1"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                if requests.get(f"{base}/healthz", timeout=5).status_code == 200:
                    break
            except requests.ConnectionError:
                time.sleep(0.2)
        else:
            server.terminate()
            pytest.fail(f"server did not start:\n{server.communicate(timeout=30)[0]}")
        yield base
    finally:
        server.terminate()
        server.communicate(timeout=30)


def _token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def _post(session, url, data, files=None, referer=None):
    page = session.get(referer or url)
    data = {"csrfmiddlewaretoken": _token(page.text), **data}
    return session.post(url, data=data, files=files, headers={"Referer": referer or url}, allow_redirects=True)


def test_a_request_submitted_on_one_host_is_handled_and_downloaded_on_the_other(tmp_path, s3_bucket, shared_cache):
    agency = make_agency(name="叶城县宗朗乡人民政府", short_name="宗朗乡")
    clerk = staff(agency, Role.CLERK)
    clerk.set_password(PASSWORD)
    clerk.save()
    database = settings.DATABASES["default"]
    env = {**os.environ, **s3_bucket, "DEBUG": "false", "SECRET_KEY": settings.SECRET_KEY,
           "GONGKAI_AUDIT_KEY": settings.GONGKAI_AUDIT_KEY, "ALLOWED_HOSTS": "127.0.0.1",
           "SESSION_COOKIE_SECURE": "false", "CSRF_COOKIE_SECURE": "false",
           "DATABASE_URL": (f"postgres://{database['USER']}@{database['HOST']}:"
                                                      f"{database['PORT']}/{database['NAME']}"),
           "GONGKAI_CACHE_URL": _redis_url()}
    with ExitStack() as stack:
        host_a = stack.enter_context(app_server({**env, "GONGKAI_VAR_DIR": str(tmp_path / "a")}))
        host_b = stack.enter_context(app_server({**env, "GONGKAI_VAR_DIR": str(tmp_path / "b")}))

        applicant = requests.Session()
        form = applicant.get(f"{host_a}/ysqgk/").text
        fields = {**PERSON, "agency": agency.pk, "channel": "online",
                  "token": re.search(r'name="token" value="([^"]+)"', form).group(1)}
        receipt = _post(applicant, f"{host_a}/ysqgk/", fields,
                        files={"attachments": ("身份证明.pdf", ATTACHMENT, "application/pdf")})
        assert receipt.status_code == 200, receipt.text[-2000:]
        found = re.search(r'id="number">([^<]+)<', receipt.text)
        assert found, re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", receipt.text))[:3000]
        number = found.group(1)
        code = re.search(r'id="code">([^<]+)<', receipt.text).group(1)
        submitted = Request.objects.get(number=number)
        attachment = submitted.attachments.get()

        clerk_b = requests.Session()
        login = _post(clerk_b, f"{host_b}/login/", {"username": clerk.username, "password": PASSWORD})
        assert login.status_code == 200 and "/login/" not in login.url
        download = clerk_b.get(f"{host_b}/staff/requests/{submitted.pk}/attachments/{attachment.pk}/")
        assert download.status_code == 200 and download.content == ATTACHMENT

        today = timezone.localdate().isoformat()
        detail = f"{host_b}/staff/requests/{submitted.pk}/"
        confirm = _post(clerk_b, f"{detail}act/", {"kind": "confirmed", "confirmed-day": today}, referer=detail)
        assert confirm.status_code == 200 and confirm.url == detail
        reply = _post(clerk_b, f"{host_b}/staff/requests/{submitted.pk}/act/",
                      {"kind": "replied", "replied-day": today, "replied-outcome": "denied.inquiry",
                       "replied-reason": "所申请信息属于行政查询事项，请到乡便民服务中心查询"},
                      referer=f"{host_b}/staff/requests/{submitted.pk}/")
        assert reply.status_code == 200, reply.text[-2000:]
        letter = Request.objects.get(pk=submitted.pk).documents.get()

        status = _post(applicant, f"{host_a}/ysqgk/query/", {"number": number, "code": code})
        assert status.url.endswith("/ysqgk/query/status/")
        issued = applicant.get(f"{host_a}/ysqgk/query/documents/{letter.pk}/")
        assert issued.status_code == 200 and issued.content == bytes(letter.content)

        # The failure counter is one count in Redis, whichever host a guess lands on.
        guesser = requests.Session()
        for n in range(PAIR_LIMIT):
            host = host_a if n % 2 else host_b
            wrong = _post(guesser, f"{host}/ysqgk/query/", {"number": number, "code": "WRONG23456"})
            assert wrong.status_code == 200
        blocked = _post(guesser, f"{host_a}/ysqgk/query/", {"number": number, "code": code})
        assert blocked.status_code == 429 and "查询失败次数过多" in blocked.text

    assert verify_chain() == []
