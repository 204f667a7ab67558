import itertools
import re
from datetime import date

import pytest

from gongkai.agencies.models import Kind, Level, Role
from gongkai.disclosure_requests import services
from gongkai.statute.identifiers import make_org_code
from tests.factories import AgencyFactory, staff

_serial = itertools.count(90000001)


def make_agency(**fields):
    # tests.factories.AgencyFactory's org_code lazy attribute fails (it sets an attribute on the
    # resolver), so the code is passed in here.
    return AgencyFactory(org_code=make_org_code(str(next(_serial))), **fields)


@pytest.fixture
def county(db):
    return make_agency(name="叶城县人民政府", short_name="叶城县", level=Level.COUNTY, kind=Kind.GOVERNMENT)


@pytest.fixture
def agency(county):
    return make_agency(name="叶城县宗朗乡人民政府", short_name="宗朗乡", parent=county)


@pytest.fixture
def clerk(agency):
    return staff(agency, Role.CLERK)


@pytest.fixture
def head(agency):
    return staff(agency, Role.HEAD)


@pytest.fixture
def boss(agency):
    """Clerk and head at once: may make every staff move."""
    return staff(agency, Role.CLERK, Role.HEAD)


@pytest.fixture
def outsider(db):
    return staff(make_agency(), Role.CLERK)


PERSON = {
    "applicant_type": "natural_person",
    "applicant_name": "张三",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13800000000",
    "email": "zhangsan@example.com",
    "description": "2024年宗朗乡惠民补贴资金发放名单",
    "form_wanted": "email",
    "delivery": "email",
}


def person(**overrides):
    return {**PERSON, **overrides}


def shown_code(html: str) -> str | None:
    """The query code a receipt page shows (only on its first rendering), or None."""
    found = re.search(r'id="code">([^<]+)<', html)
    return found.group(1) if found else None


@pytest.fixture
def register(agency, clerk):
    def make(day=date(2024, 9, 27), channel="in_person", **fields):
        return services.register_request(agency=agency, actor=clerk, received_on=day,
                                         fields=person(channel=channel, **fields))
    return make


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The query page counts failed look-ups in the cache: every test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
