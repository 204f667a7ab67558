"""Structured logs an operator can ship to a log system: one JSON line per request and per state change.

`gongkai.request` gets a line for every HTTP request (method, path, status, duration, user, client address);
`gongkai.audit` a line for every audit-trail row as it is written. Query strings are left out: a search or a
status lookup is the applicant's business, and the audit trail, not the log, is the record of record.
"""

import json
import logging
import time

from django.db.models.signals import post_save

from .client_address import client_address

request_log = logging.getLogger("gongkai.request")
audit_log = logging.getLogger("gongkai.audit")

# The attributes every LogRecord has; anything else on a record came in through `extra=` and is logged as a field.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


class RequestLogMiddleware:
    """Outermost middleware: it times the whole request, and sees the status other middleware settled on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        user = getattr(request, "user", None)
        request_log.info(
            "%s %s %s", request.method, request.path, response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "ms": round((time.perf_counter() - started) * 1000, 1),
                "user": user.pk if user is not None and user.is_authenticated else None,
                "client": client_address(request),
            },
        )
        return response


def log_audit_entry(sender, instance, created, **kwargs):
    if created:
        audit_log.info(
            instance.action,
            extra={"action": instance.action, "actor": instance.actor_id, "agency": instance.agency_id,
                   "object_type": instance.object_type, "object_id": instance.object_id, "audit_id": instance.pk},
        )


def connect():
    from .models import AuditEntry

    post_save.connect(log_audit_entry, sender=AuditEntry, dispatch_uid="gongkai.core.logs.audit")
