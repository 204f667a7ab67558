"""An agency with its clerk, the three reviewers (三审) and the head who signs the report off."""

import pytest

from gongkai.agencies.models import Role
from tests.factories import staff
from tests.reports.helpers import make_agency


@pytest.fixture
def team():
    agency = make_agency()
    return agency, {
        "clerk": staff(agency, Role.CLERK), "first": staff(agency, Role.REVIEWER_FIRST),
        "second": staff(agency, Role.REVIEWER_SECOND), "final": staff(agency, Role.REVIEWER_FINAL),
        "head": staff(agency, Role.HEAD),
    }
