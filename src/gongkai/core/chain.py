"""The text the audit chain hashes, and the keyed hash itself.

A row must hash the same after it has been through `dumpdata`/`loaddata`, a `pg_dump`/`pg_restore` or the
move from SQLite to PostgreSQL, so every value is written in one canonical form:
- a timestamp in UTC, cut to milliseconds (dumpdata keeps no more) and written with six fixed digits;
- JSON with sorted keys and numbers in one decimal form (PostgreSQL's jsonb writes 1e+20 back as
  100000000000000000000 and keeps no key order);
- a date as YYYY-MM-DD.

The hash is an HMAC under GONGKAI_AUDIT_KEY, kept outside the database (settings): whoever can write the tables
but does not hold the key cannot re-chain them after deleting or editing a row.
"""

import datetime as dt
import hashlib
import hmac
import json
import math
from decimal import Decimal
from json.encoder import encode_basestring as _json_str  # what json.dumps(ensure_ascii=False) writes for a str

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder


def canonical_time(value: dt.datetime) -> str:
    """UTC, floored to the millisecond, six fixed fraction digits: 2024-03-01T02:03:04.567000Z."""
    utc = value.astimezone(dt.UTC) if value.tzinfo else value.replace(tzinfo=dt.UTC)
    utc = utc.replace(microsecond=utc.microsecond // 1000 * 1000)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def floor_to_millisecond(value: dt.datetime) -> dt.datetime:
    """What a timestamp is stored as, so that the stored value and its dumped copy are the same instant."""
    return value.replace(microsecond=value.microsecond // 1000 * 1000)


def _number(value) -> str:
    if value.__class__ is int and value % 10 and -10**27 < value < 10**27:
        return str(value)  # what Decimal(value).normalize() writes for an int without trailing zeros, faster
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("审计数据中不能有非有限数值")
        value = Decimal(repr(value))
    text = str(Decimal(value).normalize())
    return "0" if text in {"0", "-0"} else text


def canonical_json(value) -> str:
    """One text for one JSON value: sorted keys, no spaces, one form per number (1, 1.0 and 1E+0 alike)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | Decimal):
        return _number(value)
    if isinstance(value, str):
        return _json_str(value)
    if isinstance(value, dict):
        items = sorted((str(k), v) for k, v in value.items())
        return "{" + ",".join(f"{_json_str(k)}:{canonical_json(v)}" for k, v in items) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(canonical_json(v) for v in value) + "]"
    raise TypeError(f"cannot hash a {type(value).__name__} in the audit chain")


def object_writer(keys: list[str]):
    """For the bulk imports, which hash many objects of one shape: a function from the canonical texts of the
    values (in the order of `keys`) to the object's canonical text, the same text canonical_json gives."""
    order = sorted(range(len(keys)), key=keys.__getitem__)
    prefixes = [(f"{_json_str(keys[i])}:", i) for i in order]

    def write(texts) -> str:
        return "{" + ",".join([prefix + texts[i] for prefix, i in prefixes]) + "}"

    return write


def as_stored(data):
    """A JSON payload as the database will give it back (dates and decimals become strings, tuples lists)."""
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def plain(value):
    """A model field's value as a JSON-able value in canonical form."""
    if isinstance(value, dt.datetime):
        return canonical_time(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, dict | list):
        return as_stored(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def key() -> bytes:
    configured = getattr(settings, "GONGKAI_AUDIT_KEY", "")
    if not configured:
        raise RuntimeError("GONGKAI_AUDIT_KEY is not configured")
    return configured.encode()


def mac(text: str) -> str:
    return hmac.new(key(), text.encode(), hashlib.sha256).hexdigest()


def head_mac(count: int, last_hash: str) -> str:
    """Seals the head row: rewinding it to an earlier count needs the key (or a head copied at the time)."""
    return mac(f"head:{count}:{last_hash}")


def sealed_fields(obj) -> list[str]:
    """The columns a seal covers: every concrete field but the id, by column name."""
    return [f.attname for f in obj._meta.concrete_fields if not f.primary_key]


def row_digest(obj, fields: list[str] | None = None) -> str:
    """SHA-256 over the row's `fields` (default: all but the id), empty values left out.

    A seal records the fields it covered, so a field a later migration adds (whatever its default) leaves the
    digests of older rows as they were."""
    values = {}
    for attname in fields if fields is not None else sealed_fields(obj):
        value = plain(getattr(obj, attname, None))
        if value in (None, "", {}, []):
            continue
        values[attname] = value
    return hashlib.sha256(canonical_json(values).encode()).hexdigest()
