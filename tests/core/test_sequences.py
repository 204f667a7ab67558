import threading

import pytest
from django.db import connection, transaction

from gongkai.core.sequences import next_number
from tests.factories import AgencyFactory


@pytest.mark.django_db
def test_numbers_start_at_one_per_agency_scope_and_year():
    a, b = AgencyFactory(), AgencyFactory()
    assert [next_number(agency=a, scope="request", year=2025) for _ in range(3)] == [1, 2, 3]
    assert next_number(agency=a, scope="request", year=2026) == 1
    assert next_number(agency=b, scope="request", year=2025) == 1
    assert next_number(agency=a, scope="index", year=2025) == 1


@pytest.mark.django_db
def test_a_rolled_back_number_is_handed_out_again():
    agency = AgencyFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        next_number(agency=agency, scope="request", year=2025)
        raise RuntimeError
    assert next_number(agency=agency, scope="request", year=2025) == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_writers_get_fifty_gapless_numbers():
    agency = AgencyFactory()
    numbers, errors = [], []

    def take():
        try:
            with transaction.atomic():
                numbers.append(next_number(agency=agency, scope="request", year=2025))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(numbers) == list(range(1, 51))
