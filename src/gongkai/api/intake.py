"""Receiving a forwarded request: once per (agency, platform, reference), however often the platform retries."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.models import Request

from .actors import PlatformActor
from .models import ApiToken, ForwardedRequest


@dataclass(frozen=True)
class Intake:
    request: Request
    created: bool
    query_code: str | None  # the plaintext code, only on the call that created the request


def _existing(token: ApiToken, reference: str) -> Request | None:
    found = (ForwardedRequest.objects.select_related("request", "request__agency")
             .filter(agency=token.agency, platform=token.platform, reference=reference).first())
    return found.request if found else None


def receive(token: ApiToken, data: dict) -> Intake:
    """`data` is IntakeSerializer's validated data. The request is registered by the disclosure service (which
    fixes the receipt date under 条例第三十一条 and writes the event and audit entry); the reference row is
    written in the same transaction, so a second POST with the same reference either finds it or, racing the
    first, hits the unique constraint and rolls back to find the first one."""
    reference = data["reference"]
    found = _existing(token, reference)
    if found is not None:
        return Intake(found, created=False, query_code=None)
    fields = dict(data["applicant"], channel=data["channel"])
    if data.get("submitted_on"):
        fields["submitted_on"] = data["submitted_on"]
    actor = PlatformActor(token, fields.get("applicant_name", ""))
    try:
        with transaction.atomic():
            request = services.register_forwarded(agency=token.agency, actor=actor, fields=fields)
            # Only the hash is stored; the plaintext lives on the instance that created it, shown this once.
            code = request.query_code
            ForwardedRequest.objects.create(request=request, agency=token.agency, platform=token.platform,
                                            reference=reference, token=token, forwarded_at=data.get("forwarded_at"))
    except IntegrityError:
        found = _existing(token, reference)
        if found is None:
            raise
        return Intake(found, created=False, query_code=None)
    return Intake(request, created=True, query_code=code)
