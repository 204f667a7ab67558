"""The query code is the applicant's password for /ysqgk/query: kept only as a keyed hash, shown once.

Why a keyed HMAC and not Django's slow password hasher: a code is 10 characters of a 32-letter alphabet
(50 bits), so an unkeyed fast hash would fall to brute force from a copied database. Keying the HMAC with
SECRET_KEY (never stored in the database, the same key that signs sessions and password-reset tokens) makes
a stolen table worthless on its own, while a check costs microseconds: the data migration hashes every
existing request in seconds, not the hours PBKDF2 at Django's 1,000,000 iterations would take, and the public
lookup is no CPU lever against a two-core township server. Guessing online is bounded by lookup_throttle.
Codes are checked against SECRET_KEY_FALLBACKS too, so a key rotation done Django's way keeps them working.
"""

import hashlib
import secrets

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud over the phone
LENGTH = 10
SCHEME = "hmac-sha256"
_KEY_SALT = "gongkai.disclosure_requests.query_code"


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize(text: str) -> str:
    """As typed or read aloud: case and spaces do not matter."""
    return "".join((text or "").split()).upper()


def _digest(code: str, salt: str, secret) -> str:
    return salted_hmac(_KEY_SALT, f"{salt}${normalize(code)}", secret=secret, algorithm="sha256").hexdigest()


def make_hash(code: str) -> str:
    """`hmac-sha256$<salt>$<hex>`: a per-row salt, so two equal codes never show as equal hashes."""
    salt = secrets.token_hex(8)
    return f"{SCHEME}${salt}${_digest(code, salt, settings.SECRET_KEY)}"


def check(code: str, encoded: str) -> bool:
    parts = (encoded or "").split("$")
    if len(parts) != 3 or parts[0] != SCHEME:
        return False
    _, salt, digest = parts
    matched = False
    for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]:
        matched |= constant_time_compare(_digest(code, salt, secret), digest)
    return matched


def unknown_number_hash() -> str:
    """Checked when no request has the number, so a wrong number costs the same work as a wrong code."""
    return make_hash(new_code())


def fingerprint(encoded: str) -> str:
    """Binds a verified query session to the code it was opened with: a newly issued code ends old sessions."""
    return hashlib.sha256((encoded or "").encode()).hexdigest()[:16]
