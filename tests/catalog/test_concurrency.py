import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.catalog import services
from gongkai.catalog.models import Item
from gongkai.catalog.review import Action
from tests.factories import AgencyFactory, staff

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_fifty_concurrent_publications_get_fifty_gapless_index_numbers():
    agency = AgencyFactory()
    clerk = staff(agency, Role.CLERK)
    finals = [staff(agency, Role.REVIEWER_FINAL) for _ in range(50)]
    reviews = []
    for n in range(50):
        item = services.create_item(agency=agency, author=clerk, data={"title": f"并发发布{n}"})
        review = services.submit_for_review(item=item, user=clerk)
        type(review).objects.filter(pk=review.pk).update(state="final")
        reviews.append(review)
    barrier, errors = threading.Barrier(50), []

    def publish(review, user):
        try:
            barrier.wait()
            services.act_on_review(review=review, user=user, action=Action.APPROVE)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=publish, args=(r, u)) for r, u in zip(reviews, finals, strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    year = timezone.localdate().year
    numbers = sorted(Item.objects.filter(agency=agency).values_list("index_number", flat=True))
    assert numbers == [f"{agency.org_code}/{year}-{n:05d}" for n in range(1, 51)]
    assert connection.vendor == "postgresql"
