"""The applicant on the public pages: who acted (a hash of the session key, the client address, the time),
the verified query session, the single showing of a new query code, and staff issuing a new code."""

import hashlib

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.permissions import can_work_in
from gongkai.core.audit import log_action
from gongkai.core.client_address import client_address
from gongkai.core.errors import PermissionDenied

from . import query_codes
from .models import Request
from .services import Applicant

SESSION_QUERY = "ysqgk_query"
SESSION_NEW_CODES = "gongkai_new_query_codes"


class PublicApplicant(Applicant):
    """The applicant (proved by number and code, or filing the form) with the trace of this web request.

    services._append stores the trace in the event's data, so the event and its audit entry both carry it."""

    def __init__(self, name: str, *, trace: dict):
        super().__init__(name)
        self.trace = trace


def trace_of(request) -> dict:
    """Never the session key itself: its hash identifies the session in the record without letting a
    reader of the record take the session over."""
    session = request.session
    if session.session_key is None:
        session.save()
    return {
        "session": hashlib.sha256(session.session_key.encode()).hexdigest()[:16],
        "address": client_address(request),
        "at": timezone.localtime().isoformat(timespec="seconds"),
    }


def acting_applicant(request, req: Request | None = None, *, name: str = "") -> PublicApplicant:
    return PublicApplicant(req.applicant_name if req is not None else name, trace=trace_of(request))


# --- the verified query session ------------------------------------------------------------------


def open_query(request, req: Request) -> None:
    """Number and code matched: a new session key (no fixation), bound to this request and this code."""
    request.session.cycle_key()
    request.session[SESSION_QUERY] = {"pk": req.pk, "code": query_codes.fingerprint(req.query_code_hash)}
    log_action("requests.applicant.query", actor=acting_applicant(request, req), obj=req,
               data={"public": trace_of(request)})


def verified_request(request) -> Request | None:
    """The request this session proved; none once staff have issued a new code (the old one is dead)."""
    held = request.session.get(SESSION_QUERY)
    if not isinstance(held, dict):
        return None
    req = Request.objects.select_related("agency").filter(pk=held.get("pk")).first()
    if req is None or held.get("code") != query_codes.fingerprint(req.query_code_hash):
        request.session.pop(SESSION_QUERY, None)
        return None
    return req


def record_download(request, req: Request, *, kind: str, obj_id: int, name: str) -> None:
    """The applicant's downloads (letters, their own uploads) are in the audit trail like staff ones."""
    log_action(f"requests.applicant.{kind}", actor=acting_applicant(request, req), obj=req,
               data={kind: obj_id, "name": name, "public": trace_of(request)})


# --- showing a new code once ---------------------------------------------------------------------


def keep_new_code(session, req: Request, code: str) -> None:
    """Until the receipt that shows it has been rendered once; the database never holds it."""
    codes = dict(session.get(SESSION_NEW_CODES) or {})
    codes[str(req.pk)] = code
    session[SESSION_NEW_CODES] = codes


def take_new_code(session, req: Request) -> str | None:
    codes = dict(session.get(SESSION_NEW_CODES) or {})
    code = codes.pop(str(req.pk), None)
    if code is not None:
        session[SESSION_NEW_CODES] = codes
    return code


# --- staff issue a new code ------------------------------------------------------------------------


def reissue_query_code(req: Request, *, actor) -> str:
    """The applicant lost the code: staff of the request's own agency issue a new one, the old one stops
    working at once (and so do query sessions opened with it). Staff can issue a code, never read one."""
    if not can_work_in(actor, req.agency):
        raise PermissionDenied("只有受理机关的工作人员可以重新生成查询码")
    code = query_codes.new_code()
    with transaction.atomic():
        locked = Request.objects.select_for_update().get(pk=req.pk)
        locked.query_code_hash = query_codes.make_hash(code)
        locked.save(update_fields=["query_code_hash"])
        log_action("requests.query_code.reissued", actor=actor, obj=locked, data={"number": locked.number})
    req.query_code_hash = locked.query_code_hash
    return code
