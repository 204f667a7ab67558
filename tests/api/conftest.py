import itertools
from datetime import datetime
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from gongkai.agencies.models import Kind, Level, Role
from gongkai.api.models import Scope
from gongkai.api.tokens import create_token
from gongkai.catalog import services as catalog
from gongkai.catalog.models import Column, ColumnKind
from gongkai.statute.identifiers import make_org_code
from tests.factories import AgencyFactory, staff

SHANGHAI = ZoneInfo("Asia/Shanghai")
PLATFORM = "叶城县12345政务服务便民热线"
_serial = itertools.count(80000001)

PERSON = {
    "channel": "forwarded_12345",
    "reference": "12345-20261130-0042",
    "applicant_type": "natural_person",
    "applicant_name": "张三",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13800000000",
    "email": "zhangsan@example.com",
    "description": "2026年宗朗乡惠民补贴资金发放名单",
    "form_wanted": "email",
    "delivery": "email",
}


def make_agency(**fields):
    return AgencyFactory(org_code=make_org_code(str(next(_serial))), **fields)


def path_of(number: str) -> str:
    return quote(number, safe="")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttle counters live in the cache: every test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def county(db):
    return make_agency(name="叶城县人民政府", short_name="叶城县", level=Level.COUNTY, kind=Kind.GOVERNMENT)


@pytest.fixture
def agency(county):
    return make_agency(name="叶城县宗朗乡人民政府", short_name="宗朗乡", parent=county)


@pytest.fixture
def other_agency(county):
    return make_agency(name="叶城县乌夏巴什镇人民政府", short_name="乌夏巴什镇", parent=county)


@pytest.fixture
def clerk(agency):
    return staff(agency, Role.CLERK, full_name="阿依古丽")


def _token(agency, scope, platform=PLATFORM, **kwargs):
    return create_token(agency=agency, platform=platform, scope=scope, actor="测试", **kwargs)


@pytest.fixture
def intake_token(agency):
    return _token(agency, Scope.INTAKE)


@pytest.fixture
def read_token(agency):
    return _token(agency, Scope.READ)


@pytest.fixture
def other_token(other_agency):
    """The same platform, holding a token of another township."""
    return _token(other_agency, Scope.INTAKE)


@pytest.fixture
def supervise_token(county):
    return _token(county, Scope.SUPERVISE, platform="叶城县政务公开办", include_subtree=True)


def client_for(made=None) -> APIClient:
    client = APIClient()
    if made is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {made.secret}")
    return client


@pytest.fixture
def api(intake_token):
    return client_for(intake_token)


@pytest.fixture
def anon():
    return client_for()


@pytest.fixture
def forward(api):
    def post(client=None, **overrides):
        return (client or api).post("/api/v1/requests/", {**PERSON, **overrides}, format="json")
    return post


@pytest.fixture
def publisher(agency):
    """A clerk who writes items and publishes them as an import would (no 三审 run needed here)."""
    author = staff(agency, Role.CLERK, full_name="撰稿人")
    column = Column.objects.create(agency=agency, name="惠民政策", kind=ColumnKind.POLICY, art20_item=11)

    def publish(title, when=datetime(2026, 3, 3, 10, 0, tzinfo=SHANGHAI), attachment=None, **data):
        item = catalog.create_item(agency=agency, author=author, data={
            "title": title, "column_ids": [column.pk], "publisher": "宗朗乡人民政府", **data})
        if attachment:
            version = item.versions.get()
            catalog.add_attachment(item=item, version=version, user=author,
                                   upload=SimpleUploadedFile(attachment, b"%PDF-1.4 test", "application/pdf"))
        return catalog.publish_directly(item=item, when=when)

    publish.column = column
    publish.author = author
    return publish


@pytest.fixture
def today(monkeypatch):
    """Pin “today” (Asia/Shanghai) for services and views alike; dates of given datetimes still convert."""
    from django.utils import timezone

    real = timezone.localdate
    state = {}

    def fake(value=None, timezone=None):
        return state["day"] if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", fake)

    def set_day(day):
        state["day"] = day
        return day
    return set_day
