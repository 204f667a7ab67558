"""Issue #11 point 1: the query code is a password. Only a keyed hash is stored, the code is shown once (the
receipt that created it), staff may issue a new one but never read one, and every public action is traced."""

import hashlib
from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.core.models import AuditEntry
from gongkai.disclosure_requests import query_codes
from gongkai.disclosure_requests.models import Attachment, EventKind, Request, RequestEvent
from tests.disclosure_requests.conftest import person, shown_code
from tests.factories import staff

MIGRATION = "0005_pubsec_query_code_hash"


@pytest.fixture
def supervisor(county):
    """The county's read-only supervisor: reads every township's requests, handles none."""
    return staff(county, Role.SUPERVISOR)


def _query(client, number, code, **extra):
    return client.post(reverse("ysqgk:query"), {"number": number, "code": code}, **extra)


def test_the_database_keeps_only_a_keyed_hash_of_the_code(register, settings):
    req = register(date(2025, 9, 1))
    code = req.query_code
    assert len(code) == 10
    row = Request.objects.values().get(pk=req.pk)
    assert code not in str(row) and "query_code" not in row
    assert row["query_code_hash"].startswith("hmac-sha256$")
    assert query_codes.check(code, row["query_code_hash"]) and query_codes.check(code.lower(), row["query_code_hash"])
    assert not query_codes.check("WRONGCODE2", row["query_code_hash"])
    # Keyed: without SECRET_KEY the hash is worthless; a rotation done Django's way keeps codes working.
    old_key = settings.SECRET_KEY
    settings.SECRET_KEY = "another-key-" + "x" * 40
    assert not query_codes.check(code, row["query_code_hash"])
    settings.SECRET_KEY_FALLBACKS = [old_key]
    assert query_codes.check(code, row["query_code_hash"])


def test_the_staff_receipt_shows_the_code_once_and_the_supervisor_never(client, clerk, supervisor, agency):
    client.force_login(clerk)
    data = {**person(), "agency": agency.pk, "channel": "in_person", "received_on": "2025-09-01"}
    first = client.post(reverse("requests:register"), data, follow=True).content.decode()
    req = Request.objects.get()
    code = shown_code(first)
    assert code and query_codes.check(code, req.query_code_hash)
    receipt = reverse("requests:receipt", args=[req.pk])
    again = client.get(receipt).content.decode()
    assert shown_code(again) is None and code not in again and "仅在登记或重新生成时显示一次" in again
    client.force_login(supervisor)
    for url in (receipt, reverse("requests:detail", args=[req.pk])):
        page = client.get(url)
        assert page.status_code == 200 and code not in page.content.decode()


def test_the_online_receipt_shows_the_code_once(client, agency):
    client.post(reverse("ysqgk:form"), {**person(), "agency": agency.pk, "token": "tok-once"})
    code = shown_code(client.get(reverse("ysqgk:receipt")).content.decode())
    assert code and query_codes.check(code, Request.objects.get().query_code_hash)
    assert shown_code(client.get(reverse("ysqgk:receipt")).content.decode()) is None


def test_a_new_code_is_audited_shown_once_and_the_old_code_and_its_sessions_die(client, clerk, register):
    req = register(date(2025, 9, 1))
    old = req.query_code
    applicant = client.__class__()
    assert _query(applicant, req.number, old).status_code == 302  # someone holds a session opened with it
    client.force_login(clerk)
    response = client.post(reverse("requests:new_query_code", args=[req.pk]), follow=True)
    new = shown_code(response.content.decode())
    assert new and new != old and "原查询码已失效" in response.content.decode()
    assert shown_code(client.get(reverse("requests:receipt", args=[req.pk])).content.decode()) is None
    entry = AuditEntry.objects.get(action="requests.query_code.reissued")
    assert entry.actor == clerk and entry.object_id == str(req.pk)
    assert new not in str(entry.data) and old not in str(entry.data)
    assert applicant.get(reverse("ysqgk:status")).status_code == 404
    fresh = client.__class__()
    assert "申请编号或查询码不正确" in _query(fresh, req.number, old).content.decode()
    assert _query(fresh, req.number, new).status_code == 302


def test_the_supervisor_may_not_issue_a_code(client, supervisor, register):
    req = register(date(2025, 9, 1))
    client.force_login(supervisor)
    assert "重新生成查询码" not in client.get(reverse("requests:detail", args=[req.pk])).content.decode()
    response = client.post(reverse("requests:new_query_code", args=[req.pk]))
    assert response.status_code == 403 and "只有受理机关的工作人员可以重新生成查询码" in response.content.decode()
    assert not AuditEntry.objects.filter(action="requests.query_code.reissued").exists()


def _trace_ok(trace, *, address, session_key):
    assert trace["address"] == address
    assert trace["session"] == hashlib.sha256(session_key.encode()).hexdigest()[:16] != session_key
    assert trace["at"][:4].isdigit() and "T" in trace["at"]


def test_every_public_action_records_session_hash_address_and_time(client, agency, clerk, settings):
    settings.GONGKAI_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    addr = {"HTTP_X_REAL_IP": "203.0.113.7", "REMOTE_ADDR": "10.0.0.1"}  # the proxy's address is not the client
    pdf = b"%PDF-1.4 id card"
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post(reverse("ysqgk:form"), {**person(), "agency": agency.pk, "token": "tok-trace",
                                         "attachments": [SimpleUploadedFile("身份证.pdf", pdf)]}, **addr)
    code = shown_code(client.get(reverse("ysqgk:receipt")).content.decode())
    req = Request.objects.get()
    submitted = RequestEvent.objects.get(request=req, kind=EventKind.SUBMITTED)
    assert submitted.actor_label == "申请人张三"
    _trace_ok(submitted.data["public"], address="203.0.113.7", session_key=client.session.session_key)
    assert AuditEntry.objects.get(action="requests.submitted").data["public"] == submitted.data["public"]

    assert _query(client, req.number, code, **addr).status_code == 302
    key = client.session.session_key  # a new key after the lookup (no session fixation)
    _trace_ok(AuditEntry.objects.get(action="requests.applicant.query").data["public"],
              address="203.0.113.7", session_key=key)
    att = Attachment.objects.get()
    assert client.get(reverse("ysqgk:attachment", args=[att.pk]), **addr).status_code == 200
    download = AuditEntry.objects.get(action="requests.applicant.attachment")
    assert download.actor_label == "申请人张三" and download.data["attachment"] == att.pk
    _trace_ok(download.data["public"], address="203.0.113.7", session_key=key)

    client.post(reverse("ysqgk:withdraw"), {"reason": "不需要了"}, **addr)
    withdrawn = RequestEvent.objects.get(request=req, kind=EventKind.WITHDRAWN)
    _trace_ok(withdrawn.data["public"], address="203.0.113.7", session_key=key)
    client.force_login(clerk)
    page = client.get(reverse("requests:detail", args=[req.pk])).content.decode()
    assert "地址 203.0.113.7" in page and withdrawn.data["public"]["session"] in page


@pytest.mark.django_db(transaction=True)
def test_the_migration_hashes_existing_plaintext_codes_in_place(agency):
    executor = MigrationExecutor(connection)
    target = ("disclosure_requests", MIGRATION)
    before = [n.key for n in executor.loader.graph.node_map[target].parents if n.key[0] == "disclosure_requests"]
    executor.migrate(before)
    executor.loader.build_graph()
    old = executor.loader.project_state(before).apps.get_model("disclosure_requests", "Request")
    fields = {**person(channel="in_person"), "agency_id": agency.pk, "applicant_key": "id:1", "state": "processing",
              "submitted_on": date(2025, 9, 1)}
    old.objects.create(number="宗朗乡依申〔2025〕第1号", query_code="ABCDE23456", **fields)
    old.objects.create(number="宗朗乡依申〔2025〕第2号", query_code="ZZZZZ99999", **fields)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    hashes = dict(Request.objects.values_list("number", "query_code_hash"))
    assert query_codes.check("ABCDE23456", hashes["宗朗乡依申〔2025〕第1号"])
    assert query_codes.check("zzzzz 99999", hashes["宗朗乡依申〔2025〕第2号"])
    assert not query_codes.check("ABCDE23456", hashes["宗朗乡依申〔2025〕第2号"])
    assert all("ABCDE23456" not in h and "ZZZZZ99999" not in h for h in hashes.values())
