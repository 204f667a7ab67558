"""Staff login hardening: django-axes' client address and Chinese lockout page, and an audit row for every
login, failed login and lockout (ASVS 2.2.1, 7.2.1)."""

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.shortcuts import render

from .audit import log_action

USERNAME_MAX = 150


def client_ip(request) -> str:
    """The address the platform counts against: the reverse proxy's header when configured (same as the
    query-code limit), else the socket's address."""
    meta = request.META
    return meta.get(settings.GONGKAI_CLIENT_IP_HEADER) or meta.get("REMOTE_ADDR", "") or ""


def lockout_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def lockout_message() -> str:
    return (f"登录失败次数过多，该账号或您所在的网络地址已被暂时锁定，请{lockout_minutes()}分钟后再试；"
            "如忘记密码，请联系系统管理员重置。")


def lockout_response(request, original_response=None, credentials=None):
    template = "admin/login_locked.html" if request.path.startswith("/admin/") else "core/login_locked.html"
    return render(request, template, {"message": lockout_message()}, status=settings.AXES_HTTP_RESPONSE_CODE)


def _where(request) -> dict:
    if request is None:
        return {}
    return {"ip": client_ip(request), "path": request.path[:200]}


@receiver(user_logged_in, dispatch_uid="gongkai.audit.login")
def audit_login(sender, request, user, **kwargs):
    log_action("core.login.succeeded", actor=user, obj=user, data=_where(request))


@receiver(user_login_failed, dispatch_uid="gongkai.audit.login_failed")
def audit_login_failure(sender, credentials, request=None, **kwargs):
    # Django has already masked the password in `credentials`; only the username is kept.
    username = str(credentials.get("username", ""))[:USERNAME_MAX]
    log_action("core.login.failed", actor=f"登录尝试：{username}", data={"username": username, **_where(request)})


@receiver(user_locked_out, dispatch_uid="gongkai.audit.locked_out")
def audit_lockout(sender, request, username, ip_address, **kwargs):
    username = str(username or "")[:USERNAME_MAX]
    log_action("core.login.locked_out", actor=f"登录尝试：{username}",
               data={"username": username, **_where(request), "minutes": lockout_minutes()})
