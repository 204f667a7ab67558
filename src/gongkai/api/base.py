"""The base of every endpoint: each call made with a token is written to the audit trail with that token."""

from rest_framework.views import APIView

from gongkai.core.audit import log_action

from .actors import PlatformActor
from .permissions import token_of


class ApiView(APIView):
    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        token = token_of(request)
        if token is not None:
            log_action("api.call", actor=PlatformActor(token), obj=token, agency=token.agency, data={
                "token": token.pk, "method": request.method, "path": request.path[:300],
                "status": response.status_code})
        return response
