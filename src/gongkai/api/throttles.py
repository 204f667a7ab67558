"""Rate limits counted in the default cache (Redis when GONGKAI_CACHE_URL is set, so every host counts alike):
each token has its own per-minute limit; calls without a token share one limit per client address."""

from django.conf import settings
from rest_framework import throttling

from .permissions import token_of


class TokenRateThrottle(throttling.SimpleRateThrottle):
    scope = "token"

    def __init__(self):  # the rate is the token's own, read per call
        self.rate = None

    def allow_request(self, request, view):
        token = token_of(request)
        if token is None:
            return True
        self.rate = f"{token.rate_per_minute}/min"
        self.num_requests, self.duration = token.rate_per_minute, 60
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        return f"api:throttle:token:{token_of(request).pk}"


def client_address(request) -> str:
    return request.META.get(settings.GONGKAI_CLIENT_IP_HEADER) or request.META.get("REMOTE_ADDR", "")


class AnonRateThrottle(throttling.AnonRateThrottle):
    def get_cache_key(self, request, view):
        if token_of(request) is not None:
            return None
        return f"api:throttle:anon:{client_address(request)}"


class CheckRateThrottle(throttling.SimpleRateThrottle):
    """The checker parses PDFs and Word files: a tighter limit per token on top of the token's own."""

    scope = "check"

    def get_cache_key(self, request, view):
        token = token_of(request)
        return f"api:throttle:check:{token.pk if token else client_address(request)}"
