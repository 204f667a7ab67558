"""django-csp's middleware with the policy text built once, not twice per response.

Building the header is most of what django-csp costs a request (dataclass conversions and the directive loop, for
the policy and the empty report-only one: ~150 µs of a cached public page's ~550). The settings' policy is the same
for every response but for its nonce, so the text is built once per setting with a marker where the nonce goes.
A response that carries its own policy (django-csp's decorators), an exemption, or a setting this shortcut does not
cover (a report-only policy, excluded prefixes) takes django-csp's own path.
"""

from functools import cache

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as LibraryCSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

NONCE_MARK = "GkNonceMark"
_OWN_POLICY = ("_csp_config", "_csp_update", "_csp_replace", "_csp_exempt",
               "_csp_config_ro", "_csp_update_ro", "_csp_replace_ro")


@cache
def _policy(with_nonce: bool) -> str:
    return build_policy(nonce=NONCE_MARK if with_nonce else None)


@cache
def _shortcut_applies() -> bool:
    policy = getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}
    return not policy.get("EXCLUDE_URL_PREFIXES") and not getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)


@receiver(setting_changed)
def _forget(setting, **_kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _policy.cache_clear()
        _shortcut_applies.cache_clear()


class CSPMiddleware(LibraryCSPMiddleware):
    def process_response(self, request, response):
        if (not _shortcut_applies() or HEADER in response or settings.DEBUG
                or any(getattr(response, name, None) not in (None, False) for name in _OWN_POLICY)):
            return super().process_response(request, response)
        nonce = getattr(request, "_csp_nonce", None)
        policy = _policy(nonce is not None)
        if policy:
            response[HEADER] = policy.replace(NONCE_MARK, nonce) if nonce else policy
        if nonce is None:  # as django-csp: a nonce asked for after the header is written is an error, not a gap
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
