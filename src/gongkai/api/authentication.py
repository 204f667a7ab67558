"""`Authorization: Bearer gk_…`: the token stands for a platform and an agency; the Django user stays anonymous."""

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from rest_framework import authentication, exceptions

from .models import ApiToken
from .tokens import find_active

LAST_USED_RESOLUTION = timedelta(minutes=5)  # write last_used_at at most this often per token


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0].lower() != self.keyword.lower():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Authorization 请求头格式应为“Bearer 令牌”")
        token = find_active(header[1])
        if token is None:
            raise exceptions.AuthenticationFailed("令牌无效或已被吊销")
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return AnonymousUser(), token

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'
