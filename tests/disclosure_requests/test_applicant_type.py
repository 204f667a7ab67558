"""The applicant type is one of the report's applicant columns, in the service and in the database."""

import importlib
from datetime import date

import pytest
from django.db import IntegrityError, transaction

from gongkai.core.errors import DomainError
from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.models import Request
from tests.disclosure_requests.conftest import person

MIGRATION = importlib.import_module("gongkai.disclosure_requests.migrations.0004_reqint_applicant_type_fee_notice")


@pytest.mark.parametrize("bad", ["", "joint", "natural_person,business", "自然人"])
def test_registering_with_a_type_outside_the_report_columns_is_refused(agency, clerk, bad):
    with pytest.raises(DomainError, match="申请人类型") as caught:
        services.register_request(agency=agency, actor=clerk, received_on=date(2025, 9, 1),
                                  fields=person(channel="fax", applicant_type=bad))
    assert caught.value.field == "applicant_type"
    assert not Request.objects.exists()


def test_the_database_refuses_a_type_outside_the_report_columns(register):
    request = register(date(2025, 9, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Request.objects.filter(pk=request.pk).update(applicant_type="joint")


@pytest.mark.parametrize(("value", "org_name", "expected"), [
    (" Business ", "", "business"),
    ("natural_person,business", "", "natural_person"),
    ("joint、legal_service", "", "legal_service"),
    ("科研机构", "某研究所", "research"),
    ("joint", "某某合作社", "other_org"),
    ("", "", "natural_person"),
])
def test_the_data_migration_maps_old_values_to_one_column(value, org_name, expected):
    assert MIGRATION.sane_applicant_type(value, org_name=org_name, uscc="") == expected
