"""Staff login (ASVS 2.2.1, 2.1.1, 7.2.1): throttled by account and by address on both login pages, strong
passwords with Chinese messages, an audit row for every login, failure and lockout."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone

from gongkai.agencies import demo as agencies_demo
from gongkai.core.audit import verify_chain
from gongkai.core.demo import DemoContext
from gongkai.core.models import AuditEntry

pytestmark = pytest.mark.django_db

PASSWORD = "县政务公开-2025-春"
LOGIN_PAGES = ("/login/", "/admin/login/")
LOCKED = "登录失败次数过多"


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def clerk(db):
    return get_user_model().objects.create_user(username="zl_jingban", password=PASSWORD, full_name="阿依古丽")


def _login(client, url, username, password, ip="10.0.0.1"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.parametrize("login_page", LOGIN_PAGES)
def test_a_hundred_wrong_passwords_lock_the_account_with_a_chinese_message(client, clerk, login_page):
    statuses = [_login(client, login_page, "zl_jingban", f"wrong-{n}").status_code for n in range(100)]
    limit = settings.AXES_FAILURE_LIMIT
    assert statuses[:limit - 1] == [200] * (limit - 1)  # the form again, with its error
    assert set(statuses[limit:]) == {429}
    locked = _login(client, login_page, "zl_jingban", PASSWORD)  # even the right password, while locked
    assert locked.status_code == 429
    body = locked.content.decode()
    assert LOCKED in body and "15分钟后再试" in body and "_auth_user_id" not in client.session


def test_the_lock_follows_the_account_across_addresses(client, clerk):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "/login/", "zl_jingban", "wrong", ip=f"10.0.1.{n}")
    assert _login(client, "/login/", "zl_jingban", PASSWORD, ip="10.9.9.9").status_code == 429


def test_the_lock_follows_the_address_across_accounts(client, clerk):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "/login/", f"guess{n}", "wrong", ip="10.0.2.7")
    assert _login(client, "/login/", "zl_jingban", PASSWORD, ip="10.0.2.7").status_code == 429
    assert _login(client, "/login/", "zl_jingban", PASSWORD, ip="10.0.2.8").status_code == 302


def test_the_lock_lifts_after_the_cool_off(client, clerk):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "/login/", "zl_jingban", "wrong")
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(minutes=1))
    assert _login(client, "/login/", "zl_jingban", PASSWORD).status_code == 302


def test_the_counter_is_in_the_shared_database_not_a_per_host_cache():
    assert settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"
    assert settings.AXES_LOCKOUT_PARAMETERS == ["username", "ip_address"]


def test_every_login_failure_and_lockout_is_in_the_audit_trail(client, clerk):
    assert _login(client, "/login/", "zl_jingban", PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "/admin/login/", "zl_jingban", "wrong", ip="10.0.3.3")
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions.count("core.login.succeeded") == 1
    assert actions.count("core.login.failed") == settings.AXES_FAILURE_LIMIT
    assert actions.count("core.login.locked_out") == 1
    failed = AuditEntry.objects.filter(action="core.login.failed").last()
    assert failed.data["username"] == "zl_jingban" and failed.data["ip"] == "10.0.3.3"
    assert failed.data["path"] == "/admin/login/" and "wrong" not in str(failed.data)
    assert AuditEntry.objects.get(action="core.login.succeeded").actor == clerk
    assert verify_chain() == []


@pytest.mark.parametrize(("password", "message"), [
    ("12345678", "密码只包含数字"), ("password", "这个密码太常见了"), ("short-pw", "密码长度太短：至少需要 12 个字符"),
    ("zl_jingban2", "太相似"),
])
def test_weak_passwords_are_refused_in_chinese(clerk, password, message):
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user=clerk)
    assert any(message in m for m in refused.value.messages)


def test_the_demo_password_and_a_good_one_pass(clerk):
    validate_password("gongkai-demo", user=clerk)
    validate_password(PASSWORD, user=clerk)


def test_the_admin_refuses_a_weak_password_for_a_new_user(admin_client):
    response = admin_client.post("/admin/accounts/user/add/", {
        "username": "new_clerk", "password1": "12345678", "password2": "12345678", "usable_password": "true"})
    assert response.status_code == 200
    assert "密码只包含数字" in response.content.decode()
    assert not get_user_model().objects.filter(username="new_clerk").exists()


def test_every_message_of_the_four_validators_is_chinese(clerk):
    texts = password_validation.password_validators_help_texts()
    assert len(texts) == 4 and all(re.search(r"[\u4e00-\u9fff]", t) for t in texts)


def test_the_demo_gives_the_admin_site_to_the_system_administrator_only():
    agencies_demo.load(DemoContext())
    staff = set(get_user_model().objects.filter(is_staff=True).values_list("username", flat=True))
    assert staff == {"admin"}
