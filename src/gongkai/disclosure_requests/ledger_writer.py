"""Writing imported 台账 rows: requests, their events and one chained audit row per request, in bulk.

The ledger import (ledger_import.py) checks every row first and then hands them here in batches, inside its one
transaction.
"""

import hashlib
from collections import namedtuple

from django.utils import timezone

from gongkai.core import chain
from gongkai.core.audit import SEAL_KEY, ChainAppender
from gongkai.core.bulk import RowInserter
from gongkai.core.models import AuditEntry

from . import query_codes, services
from .models import Request, RequestEvent

# What a request's derived fields are computed from (services.derived_fields reads kind, day and data only).
_Step = namedtuple("_Step", "kind day data")
DERIVED = ["state", "received_on", "due_on", "step_due_on", "closed_on", "outcome", "is_open", "due_unknown_year",
           "sort_due"]
EVENT_COLUMNS = ["request", "kind", "day", "data", "at", "actor", "actor_label", "reason"]
AUDIT_COLUMNS = ["created_at", "action", "actor", "actor_label", "agency", "object_type", "object_id", "object_repr",
                 "data", "prev_hash", "hash"]


class LedgerWriter:
    """Inserts the requests, their events and one chained audit row per request (sealing its events), without
    model instances (core.bulk): what bulk_create and append_entries stored, hashed the same way, so
    `gongkai audit verify` holds. The texts hashed are built from pieces that are the same for every row."""

    def __init__(self, user, label, *, fields: list[str], reason: str):
        self.user, self.label, self.fields, self.reason = user, label, fields, reason
        self.now = chain.floor_to_millisecond(timezone.now())
        self.requests = RowInserter(Request, ["agency", "number", "query_code_hash", "applicant_key", *fields,
                                              *DERIVED])
        self.events = RowInserter(RequestEvent, EVENT_COLUMNS, ready=["data"])
        self.audit = RowInserter(AuditEntry, AUDIT_COLUMNS)
        self.chain = ChainAppender()
        self.payloads: dict[int, tuple] = {}  # id of a shared payload → (it as stored, its canonical text)
        # An event's digest (chain.row_digest) covers its sealed fields but the empty ones: the same fields for
        # every imported event, five of them with the same value. The four others are filled in per event.
        self.sealed = chain.sealed_fields(RequestEvent())
        constant = {"at": self.now, "actor_id": user.pk if user else None, "actor_label": label,
                    "reason": reason, "document_id": None}
        kept = [f for f in self.sealed if f not in constant or chain.plain(constant[f]) not in (None, "", {}, [])]
        self.event_object = chain.object_writer(kept)
        self.event_texts = [chain.canonical_json(chain.plain(constant[f])) if f in constant else None for f in kept]
        self.event_slots = [kept.index(f) for f in ("request_id", "kind", "day", "data")]
        self.event_model = RequestEvent._meta.label_lower
        self.seal_object = chain.object_writer(["digest", "fields", "id", "model"])
        self.seal_texts = (chain.canonical_json(self.sealed), chain.canonical_json(self.event_model))
        self.data_object = chain.object_writer([SEAL_KEY, "events", "row", "state"])
        self.entry_object = chain.object_writer(["created_at", "action", "actor", "actor_label", "agency",
                                                  "object_type", "object_id", "object_repr", "data"])
        self.object_type = Request._meta.label_lower
        self.entry_texts = [chain.canonical_json(chain.canonical_time(self.now)),
                            chain.canonical_json("requests.imported"),
                            chain.canonical_json(user.pk if user else None), chain.canonical_json(label)]
        self.entry_type = chain.canonical_json(self.object_type)

    def _payload(self, data: dict) -> tuple:
        """A shared event payload (equal ones are one object) as the database takes it, and its canonical text."""
        found = self.payloads.get(id(data))
        if found is None:
            found = self.payloads[id(data)] = (data, self.events.prepare("data", data),
                                               chain.canonical_json(chain.as_stored(data)))
        return found

    def write(self, batch, requests, calendar) -> None:
        """One batch: `batch` the parsed rows, `requests` their (agency id, number, field values, steps)."""
        rows = []
        for agency_id, number, values, steps in requests:
            fields = dict(zip(self.fields, values, strict=True))
            derived = services.derived_fields([_Step(*step) for step in steps], calendar)
            rows.append((agency_id, number, query_codes.make_hash(query_codes.new_code()),
                         services.applicant_key(fields), *values, *(derived[f] for f in DERIVED)))
        request_ids = self.requests.insert(rows, returning=True)
        actor_id = self.user.pk if self.user else None
        events = [(request_id, kind, day, self._payload(data)[1], self.now, actor_id, self.label, self.reason)
                  for request_id, (*_, steps) in zip(request_ids, requests, strict=True) for kind, day, data in steps]
        event_ids = iter(self.events.insert(events, returning=True))
        audit = [self._audit_row(n, request_id, agency_id, number, row[-len(DERIVED)],
                                 [(next(event_ids), step) for step in steps])
                 for (n, *_), request_id, (agency_id, number, _values, steps), row
                 in zip(batch, request_ids, requests, rows, strict=True)]
        self.audit.insert(audit)

    def _audit_row(self, n, request_id, agency_id, number, state, events) -> tuple:
        """The audit row of one imported request, sealing its events, linked by its AuditEntry.canonical text."""
        canonical = chain.canonical_json
        request_text = canonical(request_id)
        slot_request, slot_kind, slot_day, slot_data = self.event_slots
        seals, seal_texts = [], []
        for event_id, (kind, day, data) in events:
            texts = self.event_texts.copy()
            texts[slot_request], texts[slot_kind] = request_text, canonical(str(kind))
            texts[slot_day], texts[slot_data] = f'"{day.isoformat()}"', self._payload(data)[2]
            digest = hashlib.sha256(self.event_object(texts).encode()).hexdigest()
            seals.append({"model": self.event_model, "id": event_id, "fields": self.sealed, "digest": digest})
            seal_texts.append(self.seal_object([f'"{digest}"', self.seal_texts[0], canonical(event_id),
                                                self.seal_texts[1]]))
        event_ids = [event_id for event_id, _step in events]
        data = {"row": n, "state": state, "events": event_ids, SEAL_KEY: seals}
        data_text = self.data_object([f"[{','.join(seal_texts)}]", f"[{','.join(map(canonical, event_ids))}]",
                                      canonical(n), canonical(str(state))])
        shown = number[:300]
        previous, hash_ = self.chain.link(self.entry_object(
            [*self.entry_texts, canonical(agency_id), self.entry_type, canonical(str(request_id)), canonical(shown),
             data_text]))
        return (self.now, "requests.imported", self.user.pk if self.user else None, self.label, agency_id,
                self.object_type, str(request_id), shown, data, previous, hash_)

    def close(self) -> None:
        self.chain.close()
