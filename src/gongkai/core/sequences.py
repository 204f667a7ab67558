"""Gapless numbers per agency, scope and year, safe under concurrent writers."""

from django.db import IntegrityError, transaction

from .models import Counter


def next_number(*, agency, scope: str, year: int) -> int:
    """Take the next number in the caller's transaction: a rollback gives it back, so nothing skips."""
    with transaction.atomic():
        counter = Counter.objects.select_for_update().filter(agency=agency, scope=scope, year=year).first()
        if counter is None:
            try:
                with transaction.atomic():
                    Counter.objects.create(agency=agency, scope=scope, year=year, value=0)
            except IntegrityError:
                pass  # another writer created it first; its row lock now orders us after it
            counter = Counter.objects.select_for_update().get(agency=agency, scope=scope, year=year)
        counter.value += 1
        Counter.objects.filter(pk=counter.pk).update(value=counter.value)
        return counter.value
