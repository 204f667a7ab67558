"""Gapless numbers per agency, scope and year, safe under concurrent writers."""

from django.db import IntegrityError, transaction

from .models import Counter


def next_number(*, agency, scope: str, year: int) -> int:
    """Take the next number in the caller's transaction: a rollback gives it back, so nothing skips."""
    return reserve_numbers(agency=agency, scope=scope, year=year, count=1)


def reserve_numbers(*, agency, scope: str, year: int, count: int) -> int:
    """Take `count` consecutive numbers as one block (a bulk import) and return the first of them; the counter
    row stays locked until the caller's transaction ends, a rollback gives the whole block back."""
    with transaction.atomic():
        counter = Counter.objects.select_for_update().filter(agency=agency, scope=scope, year=year).first()
        if counter is None:
            try:
                with transaction.atomic():
                    Counter.objects.create(agency=agency, scope=scope, year=year, value=0)
            except IntegrityError:
                pass  # another writer created it first; its row lock now orders us after it
            counter = Counter.objects.select_for_update().get(agency=agency, scope=scope, year=year)
        first = counter.value + 1
        counter.value += count
        Counter.objects.filter(pk=counter.pk).update(value=counter.value)
        return first
