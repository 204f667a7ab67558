"""Slows guessing on the status lookup without letting anyone lock the real applicant out.

Two counters of failed look-ups, in the cache every worker and host shares (settings.GONGKAI_THROTTLE_CACHE):
- per (request number, client address): one address gets PAIR_LIMIT tries at one number. Guesses from other
  addresses never count here, so the right code from the applicant's own address always works, however
  hard the number is being attacked elsewhere (there is deliberately no per-number lock: it was a switch
  anyone could flip for any sequential number);
- per client address over all numbers: one address cannot walk the sequential numbers. A success does
  not reset it, or an attacker could interleave their own valid code between guesses.
An IPv6 client counts by its /64 network (core.client_address.address_block), which it controls whole.

Counters are cache.add + cache.incr: atomic on Redis (GONGKAI_CACHE_URL). Each failure also re-sets the
expiry, so a block lasts WINDOW seconds after the last counted failure on every backend alike (Django's
generic incr, used by the file cache, would otherwise re-set it to the cache's default timeout).
"""

import hashlib

from django.conf import settings
from django.core.cache import caches

from gongkai.core.client_address import address_block

PAIR_LIMIT = 10
ADDRESS_LIMIT = 30
WINDOW = 15 * 60  # seconds
TOO_MANY = "查询失败次数过多，请15分钟后再试"


class LookupThrottle:
    def __init__(self, cache=None):
        self.cache = cache if cache is not None else caches[settings.GONGKAI_THROTTLE_CACHE]

    @staticmethod
    def _keys(number: str, address: str) -> tuple[str, str]:
        block = address_block(address)
        digest = hashlib.sha256(f"{number.strip()}\n{block}".encode()).hexdigest()[:32]
        return f"ysqgk:fail:pair:{digest}", f"ysqgk:fail:addr:{hashlib.sha256(block.encode()).hexdigest()[:32]}"

    def blocked(self, number: str, address: str) -> bool:
        pair, addr = self._keys(number, address)
        counts = self.cache.get_many([pair, addr])
        return counts.get(pair, 0) >= PAIR_LIMIT or counts.get(addr, 0) >= ADDRESS_LIMIT

    def failed(self, number: str, address: str) -> None:
        for key in self._keys(number, address):
            self._count(key)

    def succeeded(self, number: str, address: str) -> None:
        """The applicant's own typos at their own number are forgiven; the address count stays."""
        self.cache.delete(self._keys(number, address)[0])

    def _count(self, key: str) -> int:
        if self.cache.add(key, 1, WINDOW):
            return 1
        try:
            value = self.cache.incr(key)
        except ValueError:  # expired between add and incr
            self.cache.add(key, 1, WINDOW)
            return 1
        self.cache.touch(key, WINDOW)
        return value
