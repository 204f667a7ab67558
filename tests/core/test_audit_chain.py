"""The keyed audit chain (issue #11.6): what someone who can write the tables but does not hold
GONGKAI_AUDIT_KEY can no longer hide, the sealed request events, the exported checkpoint, the canonical
form that survives dumpdata/loaddata into PostgreSQL, and re-chaining an install made before the key."""

import datetime as dt
import json
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings

from gongkai.core import chain
from gongkai.core.audit import Checkpoint, checkpoint, log_action, verify_chain
from gongkai.core.audit_rechain import rechain
from gongkai.core.errors import DomainError
from gongkai.core.models import GENESIS_HASH, AuditEntry, AuditHead
from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.models import RequestEvent
from tests.factories import AgencyFactory

from .installs import Install, PgDatabases

pytestmark = pytest.mark.django_db

APPLICANT = {
    "applicant_type": "natural_person", "applicant_name": "张三", "id_type": "resident_id",
    "id_number": "11010519491231002X", "description": "2024年惠民补贴资金发放名单",
    "form_wanted": "email", "delivery": "email",
}


def _entries(n=5):
    agency = AgencyFactory()
    return [log_action(f"test.thing.done{i}", actor="测试", obj=agency, data={"i": i}) for i in range(n)]


def _sql(statement, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _rewrite_from(entries, start, *, tail_edit=None):
    """What an insider with database access does: edit a row, then recompute every later link and hash
    with the model's own hash function (under whatever key `settings` hold now) and move the head along."""
    if tail_edit:
        _sql("UPDATE core_auditentry SET action = %s WHERE id = %s", [tail_edit, entries[start].pk])
    prev = entries[start - 1].hash if start else GENESIS_HASH
    for entry in AuditEntry.objects.filter(pk__gte=entries[start].pk).order_by("id"):
        entry.prev_hash = prev
        prev = entry.compute_hash()
        _sql("UPDATE core_auditentry SET prev_hash = %s, hash = %s WHERE id = %s", [entry.prev_hash, prev, entry.pk])
    count = AuditEntry.objects.count()
    _sql("UPDATE core_audithead SET count = %s, last_hash = %s, mac = %s WHERE id = 1",
         [count, prev, chain.head_mac(count, prev)])


def test_deleting_the_last_row_and_rewinding_the_head_is_found():
    entries = _entries()
    _sql("DELETE FROM core_auditentry WHERE id = %s", [entries[-1].pk])
    _sql("UPDATE core_audithead SET count = count - 1, last_hash = %s WHERE id = 1", [entries[-2].hash])
    breaks = verify_chain()
    assert [b.entry_id for b in breaks] == [None]
    assert "链头" in breaks[0].message and "回退" in breaks[0].message
    with pytest.raises(CommandError, match="审计链校验失败"):
        call_command("audit", "verify")


def test_rechaining_with_the_models_own_hash_function_but_without_the_key_is_found():
    entries = _entries(8)
    with override_settings(GONGKAI_AUDIT_KEY="a-guess-at-the-key"):
        _rewrite_from(entries, 3, tail_edit="test.forged")
    breaks = verify_chain()  # every rewritten row, and the head, fail under the real key
    assert [b.entry_id for b in breaks] == [e.pk for e in entries[3:]] + [None]


def test_the_plain_sha256_chain_of_old_installs_no_longer_verifies():
    entries = _entries(3)
    for entry in entries:  # what an attacker could compute before the chain was keyed
        _sql("UPDATE core_auditentry SET hash = %s WHERE id = %s", [next(entry.legacy_hashes()), entry.pk])
    assert len(verify_chain()) >= 3


def _request():
    agency = AgencyFactory()
    request = services.submit_online(agency=agency, fields=dict(APPLICANT), day=dt.date(2024, 9, 27))
    return request, request.events.get()


def test_an_edited_request_event_is_found():
    request, event = _request()
    assert verify_chain() == []
    audit_row = AuditEntry.objects.get(object_id=str(request.pk))
    seal = audit_row.data["_seals"][0]
    assert (seal["model"], seal["id"], seal["digest"]) == ("disclosure_requests.requestevent", event.pk,
                                                           chain.row_digest(event))
    assert {"request_id", "kind", "day", "at", "data"} <= set(seal["fields"])
    _sql("UPDATE disclosure_requests_requestevent SET day = %s WHERE id = %s", ["2024-09-20", event.pk])
    breaks = verify_chain()
    assert [b.entry_id for b in breaks] == [audit_row.pk]
    assert f"申请办理记录第{event.pk}条" in breaks[0].message and "已被改动" in breaks[0].message


def test_a_deleted_or_slipped_in_request_event_is_found():
    request, event = _request()
    forged = RequestEvent.objects.create(request=request, kind="confirmed", day=dt.date(2024, 9, 27),
                                         actor_label="某人")  # straight into the table, past the services
    messages = [b.message for b in verify_chain()]
    assert any(f"第{forged.pk}条" in m and "没有对应的审计记录" in m for m in messages)
    _sql("DELETE FROM disclosure_requests_requestevent WHERE id IN (%s, %s)", [event.pk, forged.pk])
    messages = [b.message for b in verify_chain()]
    assert len(messages) == 1 and f"第{event.pk}条已被删除" in messages[0]


def test_a_checkpoint_kept_elsewhere_catches_a_rewrite_made_with_the_key():
    entries = _entries(5)
    kept = checkpoint()
    assert str(kept) == f"5:{entries[-1].hash}"
    log_action("test.later", actor="测试")
    assert verify_chain(checkpoint=kept) == []  # a longer chain that starts the same is fine
    _rewrite_from(entries, 2, tail_edit="test.forged")  # an insider who holds the key
    assert verify_chain() == []
    breaks = verify_chain(checkpoint=kept)
    assert [b.entry_id for b in breaks] == [entries[-1].pk] and "检查点" in breaks[0].message
    with pytest.raises(CommandError, match="审计链校验失败"):
        call_command("audit", "verify", "--checkpoint", str(kept))


def test_a_chain_shorter_than_the_checkpoint_is_found():
    entries = _entries(5)
    kept = checkpoint()
    _sql("DELETE FROM core_auditentry WHERE id >= %s", [entries[3].pk])
    _sql("UPDATE core_audithead SET count = 3, last_hash = %s, mac = %s WHERE id = 1",
         [entries[2].hash, chain.head_mac(3, entries[2].hash)])
    assert verify_chain() == []
    breaks = verify_chain(checkpoint=kept)
    assert len(breaks) == 1 and "少于检查点的5条" in breaks[0].message


def test_checkpoint_command_prints_count_and_hash_and_verify_reads_it(capsys):
    entries = _entries(2)
    call_command("audit", "checkpoint")
    printed = capsys.readouterr().out.strip()
    assert printed == f"2:{entries[-1].hash}"
    call_command("audit", "verify", "--checkpoint", printed)
    assert "与检查点（2条）一致" in capsys.readouterr().out
    with pytest.raises(CommandError, match="格式不正确"):
        call_command("audit", "verify", "--checkpoint", "2-abc")
    with pytest.raises(ValueError):
        Checkpoint.parse("x:" + "0" * 64)


def test_timestamps_and_numbers_hash_in_the_form_other_databases_give_back():
    entry = log_action("test.numbers", actor="测试", data={"a": 1.0, "b": 1e20, "c": 0.1, "z": {"y": 2, "x": [1, 2.5]}})
    assert entry.created_at.microsecond % 1000 == 0  # stored as dumpdata keeps it
    written = entry.hash
    # What jsonb hands back (1e20 as an integer, 1.0 as 1, keys in its own order) and a timestamp in
    # another zone with the same instant:
    entry.data = {"z": {"x": [1, 2.5], "y": 2}, "c": 0.1, "b": 100000000000000000000, "a": 1}
    entry.created_at = entry.created_at.astimezone(dt.timezone(dt.timedelta(hours=8)))
    assert entry.compute_hash() == written
    instant = dt.datetime(2024, 3, 1, 2, 3, 4, 567891, tzinfo=dt.UTC)
    assert chain.canonical_time(instant) == "2024-03-01T02:03:04.567000Z"
    assert chain.canonical_json({"b": 1e-7, "a": True}) == '{"a":true,"b":1E-7}'


def _old_install_chain(entries):
    """Rows as an install made before the key wrote them: plain SHA-256 links, a head without a seal."""
    prev = GENESIS_HASH
    for entry in AuditEntry.objects.order_by("id"):
        entry.prev_hash = prev
        prev = next(entry.legacy_hashes())
        _sql("UPDATE core_auditentry SET prev_hash = %s, hash = %s WHERE id = %s", [entry.prev_hash, prev, entry.pk])
    _sql("UPDATE core_audithead SET last_hash = %s, mac = '' WHERE id = 1", [prev])


def test_rechain_keys_an_old_install_and_seals_its_events(capsys):
    request, event = _request()
    _entries(3)
    _old_install_chain(None)
    # Events of old installs carry no seal: the old audit row lost it here.
    row = AuditEntry.objects.get(object_id=str(request.pk))
    _sql("UPDATE core_auditentry SET data = %s WHERE id = %s",
         [json.dumps({k: v for k, v in row.data.items() if k != "_seals"}), row.pk])
    _old_install_chain(None)
    assert verify_chain() != []
    with pytest.raises(CommandError, match="--i-understand"):
        call_command("audit", "rechain")
    call_command("audit", "rechain", "--i-understand")
    out = capsys.readouterr().out
    assert "4条记录" in out and "补记1条办理记录" in out
    assert verify_chain() == []
    assert AuditEntry.objects.filter(action="audit.rows.sealed").get().data["_seals"][0]["id"] == event.pk


def test_rechain_recognises_an_old_chain_whose_timestamps_dumpdata_cut_to_milliseconds():
    entries = _entries(3)
    for entry in entries:  # the old code stored full microseconds …
        AuditEntry.objects.filter(pk=entry.pk).update(created_at=entry.created_at.replace(microsecond=123456))
    _old_install_chain(entries)
    for entry in entries:  # … which dumpdata/loaddata into PostgreSQL cut to milliseconds
        AuditEntry.objects.filter(pk=entry.pk).update(created_at=entry.created_at.replace(microsecond=123000))
    assert rechain().broken == []
    assert verify_chain() == []


def test_rechain_refuses_an_old_chain_that_was_already_tampered_with_unless_accepted():
    entries = _entries(4)
    _old_install_chain(entries)
    _sql("UPDATE core_auditentry SET action = %s WHERE id = %s", ["test.forged", entries[1].pk])
    with pytest.raises(DomainError, match=f"第{entries[1].pk}条"):
        rechain()
    assert verify_chain() != []  # nothing was rewritten
    done = rechain(accept_breaks=True)
    assert done.broken == [entries[1].pk]
    assert verify_chain() == []
    assert AuditEntry.objects.get(action="audit.chain.rekeyed").data["broken"] == [entries[1].pk]
    assert AuditHead.objects.get().count == 5


def test_the_audit_key_is_required_when_debug_is_off(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "DEBUG": "0", "SECRET_KEY": "x" * 50, "GONGKAI_VAR_DIR": str(tmp_path),
           "PYTHONPATH": Install(tmp_path).env()["PYTHONPATH"]}
    done = subprocess.run([sys.executable, "-c", "import gongkai.settings"], env=env, capture_output=True, text=True)
    assert "GONGKAI_AUDIT_KEY is required when DEBUG is off" in done.stderr
    assert not (tmp_path / "audit_key").exists()


SEED_FOR_DUMP = """
import datetime as dt
from gongkai.agencies.models import Agency
from gongkai.core.audit import log_action
from gongkai.disclosure_requests import services
agency = Agency.objects.create(name="测试县宗朗乡人民政府", short_name="宗朗乡", level="township", kind="government")
log_action("agencies.agency.created", obj=agency, actor="测试", data={"f": 1.0, "big": 1e20, "small": 1e-7, "d": 0.1})
for i in range(3):
    services.submit_online(agency=agency, fields=dict(APPLICANT, applicant_name=f"申请人{i}"), day=dt.date(2024, 9, 27))
"""


@pytest.mark.postgres
def test_dumpdata_from_sqlite_then_loaddata_into_postgres_verifies(tmp_path):
    source = Install(tmp_path / "sqlite")
    source.gongkai("migrate", "-v0")
    source.python(SEED_FOR_DUMP)
    kept = source.gongkai("audit", "checkpoint").stdout.strip()
    dump = tmp_path / "dump.json"
    source.gongkai("dumpdata", "--natural-foreign", "--natural-primary", "-e", "contenttypes",
                   "-e", "auth.permission", "-e", "sessions", "-o", dump)
    databases = PgDatabases()
    try:
        target = Install(tmp_path / "pg", databases.create())
        target.gongkai("migrate", "-v0")
        target.gongkai("loaddata", dump)
        verified = target.gongkai("audit", "verify", "--checkpoint", kept)
        assert f"共{kept.split(':')[0]}条记录" in verified.stdout
    finally:
        databases.drop_all()
