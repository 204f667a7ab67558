"""Request numbers: per agency and year, in the agency's format, gapless under concurrent writers."""

import threading
from datetime import date

import pytest
from django.db import connection

from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.models import Request
from tests.disclosure_requests.conftest import person


def test_numbers_follow_the_agencys_format_and_restart_each_year(agency, clerk):
    agency.request_number_format = "{short_name}〔{year}〕{serial:05d}"
    agency.save()
    first = services.register_request(agency=agency, actor=clerk, received_on=date(2024, 12, 31),
                                      fields=person(channel="in_person"))
    second = services.register_request(agency=agency, actor=clerk, received_on=date(2025, 1, 2),
                                       fields=person(channel="in_person"))
    assert (first.number, second.number) == ("宗朗乡〔2024〕00001", "宗朗乡〔2025〕00001")


def test_query_code_is_random_and_long_enough(register):
    codes = {register().query_code for _ in range(5)}
    assert len(codes) == 5 and all(len(c) >= 8 for c in codes)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_registrations_get_fifty_gapless_numbers(agency, clerk):
    barrier = threading.Barrier(10)
    errors = []

    def work(n):
        try:
            barrier.wait()
            for _ in range(5):
                services.register_request(agency=agency, actor=clerk, received_on=date(2025, 3, 3),
                                          fields=person(channel="in_person", applicant_name=f"申请人{n}"))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = sorted(Request.objects.values_list("number", flat=True))
    assert sorted(numbers) == sorted(f"宗朗乡依申〔2025〕第{i}号" for i in range(1, 51))
