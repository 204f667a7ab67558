"""Turns a DomainError that escaped a view into a Chinese error page instead of a 500."""

from django.shortcuts import render

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
