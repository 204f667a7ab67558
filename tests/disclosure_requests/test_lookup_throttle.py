"""Issue #11 point 5: guessing codes on /ysqgk/query is slow, yet nobody can lock the real applicant out.

Counters per (number, address) and per address, in the shared cache; a correct code always works from an
address that did not itself fail; flooding the cache does not clear a block; the same answer for a wrong
number and a wrong code. The limiter also runs against Redis (skipped when no Redis is at 127.0.0.1:6379)."""

import threading
import time
import uuid
from datetime import date

import pytest
from django.core.cache import caches
from django.core.cache.backends import filebased
from django.urls import reverse

from gongkai.disclosure_requests.lookup_throttle import ADDRESS_LIMIT, PAIR_LIMIT, WINDOW, LookupThrottle

ATTACKERS = ["198.51.100.1", "198.51.100.2", "2001:db8::1"]
APPLICANT = "203.0.113.9"


def _query(client, number, code, address):
    return client.post(reverse("ysqgk:query"), {"number": number, "code": code}, REMOTE_ADDR=address)


def test_the_right_code_works_while_the_number_is_attacked_from_other_addresses(client, register):
    req = register(date(2025, 9, 1))
    for attacker in ATTACKERS:
        for _ in range(PAIR_LIMIT):
            assert _query(client, req.number, "WRONGCODE2", attacker).status_code == 200
        blocked = _query(client, req.number, req.query_code, attacker)  # the attacker's own address is blocked
        assert blocked.status_code == 429 and "查询失败次数过多，请15分钟后再试" in blocked.content.decode()
    assert _query(client, req.number, req.query_code, APPLICANT).status_code == 302


def test_an_ipv6_client_counts_by_its_64_network(client, register):
    req = register(date(2025, 9, 1))
    for n in range(PAIR_LIMIT):
        _query(client, req.number, "WRONGCODE2", f"2001:db8:0:1::{n + 1:x}")
    assert _query(client, req.number, req.query_code, "2001:db8:0:1::ffff").status_code == 429
    assert _query(client, req.number, req.query_code, "2001:db8:0:2::1").status_code == 302


def test_one_address_cannot_walk_the_sequential_numbers(client, register):
    req = register(date(2025, 9, 1))
    prefix = req.number.rsplit("第", 1)[0]
    for n in range(2, 2 + ADDRESS_LIMIT):  # one try at each of the next numbers
        assert _query(client, f"{prefix}第{n}号", "WRONGCODE2", ATTACKERS[0]).status_code == 200
    assert _query(client, req.number, "WRONGCODE2", ATTACKERS[0]).status_code == 429
    assert _query(client, req.number, req.query_code, APPLICANT).status_code == 302


def test_the_applicants_own_typos_are_forgiven_after_the_right_code(client, register):
    req = register(date(2025, 9, 1))
    for _ in range(PAIR_LIMIT - 1):
        _query(client, req.number, "TYPO", APPLICANT)
    assert _query(client, req.number, req.query_code, APPLICANT).status_code == 302
    for _ in range(PAIR_LIMIT - 1):
        assert _query(client.__class__(), req.number, "TYPO", APPLICANT).status_code == 200
    assert _query(client.__class__(), req.number, req.query_code, APPLICANT).status_code == 302


def test_a_wrong_number_and_a_wrong_code_get_the_same_answer(client, register):
    req = register(date(2025, 9, 1))
    unknown = _query(client, req.number + "9", req.query_code, APPLICANT)
    wrong = _query(client, req.number, "WRONGCODE2", APPLICANT)
    assert unknown.status_code == wrong.status_code == 200
    assert unknown.context["form"].errors == wrong.context["form"].errors == {"__all__": ["申请编号或查询码不正确"]}


def test_flooding_the_cache_with_keys_does_not_clear_a_block(register):
    req = register(date(2025, 9, 1))
    throttle = LookupThrottle(caches["default"])
    for _ in range(PAIR_LIMIT):
        throttle.failed(req.number, ATTACKERS[0])
    # Thousands of addresses, each failing once at a made-up number: two new keys each.
    for n in range(400):
        throttle.failed(f"编号{n}", f"10.1.{n // 250}.{n % 250}")
    assert throttle.blocked(req.number, ATTACKERS[0])


def test_a_block_lasts_the_window_after_the_last_failure(register, monkeypatch, settings):
    if not settings.CACHES["default"]["BACKEND"].endswith("FileBasedCache"):
        pytest.skip("the file cache's clock is patched here")
    req = register(date(2025, 9, 1))
    throttle = LookupThrottle(caches["default"])
    start = time.time()
    for _ in range(PAIR_LIMIT):
        throttle.failed(req.number, ATTACKERS[0])
    # Django's generic incr re-sets the cache's default timeout (300 s): the block must not end then.
    monkeypatch.setattr(filebased.time, "time", lambda: start + WINDOW - 60)
    assert throttle.blocked(req.number, ATTACKERS[0])
    monkeypatch.setattr(filebased.time, "time", lambda: start + WINDOW + 60)
    assert not throttle.blocked(req.number, ATTACKERS[0])


# --- the same limiter against Redis ---------------------------------------------------------------


def _redis_up() -> bool:
    try:
        import redis

        return redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=0.5).ping()
    except Exception:  # noqa: BLE001 - any failure means: no Redis to test against
        return False


@pytest.fixture
def redis_cache(settings):
    if not _redis_up():
        pytest.skip("Redis is not running at 127.0.0.1:6379")
    settings.CACHES = {**settings.CACHES, "throttle_redis": {
        "BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://127.0.0.1:6379/0",
        "KEY_PREFIX": f"gongkai-test-{uuid.uuid4().hex}",
        "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"}}}
    settings.GONGKAI_THROTTLE_CACHE = "throttle_redis"
    cache = caches["throttle_redis"]
    yield cache
    cache.delete_pattern("*")


def test_on_redis_the_right_code_works_while_other_addresses_are_blocked(client, register, redis_cache):
    req = register(date(2025, 9, 1))
    for _ in range(PAIR_LIMIT):
        _query(client, req.number, "WRONGCODE2", ATTACKERS[0])
    assert _query(client, req.number, req.query_code, ATTACKERS[0]).status_code == 429
    assert _query(client, req.number, req.query_code, APPLICANT).status_code == 302
    pair, addr = LookupThrottle._keys(req.number, ATTACKERS[0])
    assert redis_cache.get(pair) == PAIR_LIMIT and 0 < redis_cache.ttl(pair) <= WINDOW
    assert not caches["default"].get(pair)  # counted in the configured alias, not the file cache


def test_on_redis_concurrent_failures_are_all_counted(redis_cache):
    throttle = LookupThrottle(redis_cache)
    barrier = threading.Barrier(8)

    def guess():
        barrier.wait()
        for _ in range(5):
            throttle.failed("宗朗乡依申〔2025〕第1号", ATTACKERS[0])

    threads = [threading.Thread(target=guess) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    pair, addr = LookupThrottle._keys("宗朗乡依申〔2025〕第1号", ATTACKERS[0])
    assert redis_cache.get(pair) == redis_cache.get(addr) == 40
    assert throttle.blocked("宗朗乡依申〔2025〕第1号", ATTACKERS[0])
    assert not throttle.blocked("宗朗乡依申〔2025〕第1号", APPLICANT)
