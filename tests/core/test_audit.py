import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from gongkai.core.audit import log_action, verify_chain
from gongkai.core.models import AuditEntry
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def _entries(n=3):
    agency = AgencyFactory()
    return [log_action(f"test.thing.done{i}", actor="测试", obj=agency, data={"i": i}) for i in range(n)]


def test_each_entry_chains_to_the_one_before():
    first, second, _ = _entries()
    assert second.prev_hash == first.hash
    assert verify_chain() == []


def test_entries_are_never_updated_or_deleted_through_the_orm():
    entry = _entries(1)[0]
    with pytest.raises(RuntimeError, match="append-only"):
        entry.save()
    with pytest.raises(RuntimeError, match="append-only"):
        entry.delete()


def test_a_row_edited_in_sql_is_named_by_verify():
    entries = _entries()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET action = %s WHERE id = %s", ["test.forged", entries[1].pk])
    breaks = verify_chain()
    assert [b.entry_id for b in breaks] == [entries[1].pk]
    assert f"第{entries[1].pk}条记录" in breaks[0].message
    with pytest.raises(CommandError, match="审计链校验失败"):
        call_command("audit", "verify")


def test_a_row_deleted_in_sql_breaks_the_link_of_the_next():
    entries = _entries()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [entries[1].pk])
    assert entries[2].pk in [b.entry_id for b in verify_chain()]


def test_a_deleted_last_row_is_found_through_the_head():
    entries = _entries()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [entries[-1].pk])
    assert any("末尾" in b.message for b in verify_chain())


def test_admin_edits_of_master_data_are_in_the_audit_trail(admin_client):
    agency = AgencyFactory()
    response = admin_client.post(f"/admin/agencies/agency/{agency.pk}/change/", {
        "name": agency.name, "short_name": "新简称", "level": agency.level, "kind": agency.kind,
        "uscc": agency.uscc, "org_code": agency.org_code,
        "request_number_format": agency.request_number_format, "index_number_format": agency.index_number_format,
        "supplement_period_days": agency.supplement_period_days,
        "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.filter(action="agencies.agency.changed").get()
    assert entry.data["fields"] == {"short_name": "新简称"}
    assert verify_chain() == []
