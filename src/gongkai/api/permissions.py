"""Which token may call which endpoint. Reading a request another platform or agency forwarded is answered
with 404 by the views (the same answer as a number that does not exist), not 403."""

from rest_framework.permissions import BasePermission

from .models import ApiToken, Scope


def token_of(request) -> ApiToken | None:
    return request.auth if isinstance(request.auth, ApiToken) else None


class _ScopeRequired(BasePermission):
    scopes: frozenset = frozenset()
    message = "该令牌无权调用此接口"

    def has_permission(self, request, view):
        token = token_of(request)
        return token is not None and token.scope in self.scopes


class CanIntake(_ScopeRequired):
    """Create forwarded requests and act for their applicants (补正)."""

    scopes = frozenset({Scope.INTAKE})
    message = "该令牌不能提交或修改申请（需要“转办申请”权限）"


class CanReadRequests(_ScopeRequired):
    scopes = frozenset({Scope.INTAKE, Scope.READ})
    message = "该令牌不能查询申请（需要“转办申请”或“只读”权限）"


class CanCheck(_ScopeRequired):
    scopes = frozenset({Scope.READ, Scope.SUPERVISE})
    message = "该令牌不能使用年度报告检查（需要“只读”或“上级监督”权限）"


class CanSupervise(_ScopeRequired):
    scopes = frozenset({Scope.SUPERVISE})
    message = "该令牌不能读取年度报告汇总（需要“上级监督”权限）"
