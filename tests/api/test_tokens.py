"""Tokens: made by an administrator (admin or command), shown once, stored as a SHA-256, revocable, audited."""

import hashlib

import pytest
from django.core.management import CommandError, call_command

from gongkai.api.models import ApiToken
from gongkai.api.tokens import create_token, find_active, revoke_token
from gongkai.core.errors import DomainError
from gongkai.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_only_the_hash_is_stored_and_the_secret_finds_the_token(agency):
    made = create_token(agency=agency, platform="12345热线", scope="intake", actor="测试")
    assert made.secret.startswith("gk_") and len(made.secret) > 40
    row = ApiToken.objects.get()
    assert row.key_hash == hashlib.sha256(made.secret.encode()).hexdigest()
    assert made.secret not in str(row.__dict__)
    assert row.prefix == made.secret[:10]
    assert find_active(made.secret) == row
    assert find_active(made.secret + "x") is None
    audit = AuditEntry.objects.get(action="api.token.created")
    assert made.secret not in str(audit.data) and audit.data["scope"] == "intake"


def test_a_revoked_token_no_longer_authenticates(agency):
    made = create_token(agency=agency, platform="12345热线", scope="read", actor="测试")
    revoke_token(made.token, actor="测试")
    assert find_active(made.secret) is None
    assert AuditEntry.objects.filter(action="api.token.revoked").count() == 1
    with pytest.raises(DomainError, match="已经吊销"):
        revoke_token(made.token, actor="测试")


def test_only_a_supervising_token_covers_a_subtree(agency):
    with pytest.raises(DomainError, match="只有上级监督令牌"):
        create_token(agency=agency, platform="x", scope="intake", actor="测试", include_subtree=True)
    with pytest.raises(DomainError, match="平台名称"):
        create_token(agency=agency, platform=" ", scope="intake", actor="测试")


def test_the_command_prints_the_token_once_and_revokes_it(agency, capsys):
    call_command("apitoken", "create", "--agency", "宗朗乡", "--scope", "intake", "--platform", "12345热线")
    out, err = capsys.readouterr()
    secret = out.strip()
    token = find_active(secret)
    assert token.agency == agency and token.platform == "12345热线" and token.scope == "intake"
    assert "只显示这一次" in err
    call_command("apitoken", "list")
    listing = capsys.readouterr().out
    assert token.prefix in listing and secret not in listing
    call_command("apitoken", "revoke", str(token.pk))
    assert find_active(secret) is None
    with pytest.raises(CommandError, match="找不到机关"):
        call_command("apitoken", "create", "--agency", "不存在的乡", "--scope", "read")


def test_the_admin_creates_a_token_and_shows_it_once(agency, client):
    from tests.factories import UserFactory

    admin = UserFactory(is_superuser=True, is_staff=True)
    admin.save()
    client.force_login(admin)
    response = client.post("/admin/api/apitoken/add/", {
        "platform": "12345热线", "agency": agency.pk, "scope": "intake", "rate_per_minute": 60}, follow=True)
    assert response.status_code == 200
    message = next(str(m) for m in response.context["messages"] if "只显示这一次" in str(m))
    secret = message.rsplit("：", 1)[1]
    token = find_active(secret)
    assert token is not None and token.created_by == admin and token.rate_per_minute == 60
    page = client.get(f"/admin/api/apitoken/{token.pk}/change/").content.decode()
    assert secret not in page
    refused = client.post("/admin/api/apitoken/add/", {
        "platform": "x", "agency": agency.pk, "scope": "intake", "include_subtree": "on", "rate_per_minute": 0})
    assert "只有上级监督令牌可以包含下级机关" in refused.content.decode()
    assert "每分钟调用上限应为正整数" in refused.content.decode()
    client.post("/admin/api/apitoken/", {"action": "revoke", "_selected_action": [token.pk]})
    assert find_active(secret) is None
