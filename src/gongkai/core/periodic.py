"""Periodic jobs that must run once per day across all hosts of an installation."""

import socket
from contextlib import contextmanager
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import PeriodicRun


@contextmanager
def once_a_day(job: str, day: date, *, force: bool = False):
    """Yields True to the one caller that claims (job, day), False to every other; a failed run frees the claim
    so that the next run (on any host) tries again. `force` re-runs a day that already ran."""
    if force:
        PeriodicRun.objects.filter(job=job, day=day).delete()
    try:
        with transaction.atomic():
            run = PeriodicRun.objects.create(job=job, day=day, host=socket.gethostname())
    except IntegrityError:
        yield False
        return
    try:
        yield True
    except BaseException:
        run.delete()
        raise
    run.finished_at = timezone.now()
    run.save(update_fields=["finished_at"])
