"""Request-wide guards: domain errors and bad input become Chinese 400/403 pages, a database outage a 503 page,
and the headers Django has no setting for."""

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.shortcuts import render

from .error_views import maintenance_response
from .errors import DomainError, PermissionDenied


class DomainErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DomainError):
            status = 403 if isinstance(exception, PermissionDenied) else 400
            return render(request, "core/error.html", {"message": exception.message}, status=status)
        return None


class DatabaseOutageMiddleware:
    """The database is down or unreachable: a Chinese maintenance page with 503, not a 500 and a traceback."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError | InterfaceError):
            return maintenance_response()
        return None


# Characters no form field of the platform accepts: NUL (PostgreSQL cannot store it) and the other C0 controls
# except tab, newline and carriage return.
_CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r"}
_FIELD_LABEL_MAX = 40


def _bad_field(data) -> str | None:
    for key, values in data.lists():
        if any(c in key for c in _CONTROL):
            return key
        for value in values:
            if isinstance(value, str) and any(c in value for c in _CONTROL):
                return key
    return None


class InputGuardMiddleware:
    """Refuses a query string or form carrying control characters, naming the field, before any view sees it.

    The check runs in process_view, after the URL is resolved: reading a form parses its uploads, and the
    upload handler finds the view's own size limits (core.uploads.upload_limit) through request.resolver_match.
    Views that parse their own bodies (the API, csrf_exempt: token-authenticated) are left to their parsers,
    whose fields refuse NUL themselves, so that a declared body size can be refused before anything is read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        field = _bad_field(request.GET)
        parses_itself = getattr(view_func, "csrf_exempt", False)
        if field is None and request.method == "POST" and _is_form(request) and not parses_itself:
            field = _bad_field(request.POST)
        if field is not None:
            label = "".join(c for c in field if c not in _CONTROL)[:_FIELD_LABEL_MAX] or "（空）"
            return render(request, "core/error.html", {
                "message": f"参数“{label}”含有不允许的控制字符（如空字符），请检查后重新提交",
            }, status=400)
        return None


def _is_form(request) -> bool:
    kind = request.content_type or ""
    return kind in ("application/x-www-form-urlencoded", "multipart/form-data")


class PermissionsPolicyMiddleware:
    """Permissions-Policy header: Django has no setting for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        return response
