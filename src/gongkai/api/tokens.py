"""Creating, finding and revoking API tokens. A token is 32 random bytes: high-entropy, so one SHA-256 is
enough to store it (a slow password hash protects guessable secrets, which these are not)."""

import hashlib
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from gongkai.core.audit import log_action
from gongkai.core.errors import DomainError

from .models import ApiToken, Scope

TOKEN_PREFIX = "gk_"  # lets secret scanners and people recognise a leaked token


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # shown once, never stored


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(*, agency, platform: str, scope: str, actor, include_subtree: bool = False,
                 rate_per_minute: int = 120) -> NewToken:
    platform = (platform or "").strip()
    if not platform:
        raise DomainError("请填写持有令牌的平台名称", field="platform")
    if scope not in Scope.values:
        raise DomainError(f"权限范围应为 {'、'.join(Scope.values)} 之一", field="scope")
    if include_subtree and scope != Scope.SUPERVISE:
        raise DomainError("只有上级监督令牌可以包含下级机关", field="include_subtree")
    if rate_per_minute < 1:
        raise DomainError("每分钟调用上限应为正整数", field="rate_per_minute")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            platform=platform, agency=agency, scope=scope, include_subtree=include_subtree,
            prefix=secret[:10], key_hash=digest(secret), rate_per_minute=rate_per_minute,
            created_by=actor if getattr(actor, "is_authenticated", False) else None)
        log_action("api.token.created", actor=actor, obj=token, agency=agency, data={
            "platform": platform, "scope": scope, "include_subtree": include_subtree, "prefix": token.prefix,
            "rate_per_minute": rate_per_minute})
    return NewToken(token, secret)


def revoke_token(token: ApiToken, *, actor) -> ApiToken:
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is not None:
            raise DomainError("该令牌已经吊销")
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        log_action("api.token.revoked", actor=actor, obj=token, agency=token.agency,
                   data={"platform": token.platform, "prefix": token.prefix})
    return token


def find_active(secret: str) -> ApiToken | None:
    if not secret.startswith(TOKEN_PREFIX):
        return None
    return (ApiToken.objects.select_related("agency").filter(key_hash=digest(secret), revoked_at__isnull=True)
            .first())


def agencies_of(token: ApiToken):
    """The agencies a token speaks for: its own, and for a supervising token the whole subtree."""
    from gongkai.agencies.models import Agency

    if token.include_subtree:
        return Agency.objects.subtree_of(token.agency)
    return Agency.objects.filter(pk=token.agency_id)


def covers(token: ApiToken, agency) -> bool:
    if token.include_subtree:
        return agency.path.startswith(token.agency.path)
    return agency.pk == token.agency_id
