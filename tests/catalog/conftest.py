import pytest

from gongkai.agencies.models import Role
from gongkai.catalog import services
from gongkai.catalog.models import Channel, ChannelKind, Column, ColumnKind
from gongkai.catalog.review import Action
from tests.factories import AgencyFactory, staff


@pytest.fixture
def agency(db):
    return AgencyFactory(name="叶城县宗朗乡人民政府", short_name="宗朗乡")


@pytest.fixture
def clerk(agency):
    return staff(agency, Role.CLERK, full_name="阿依古丽")


@pytest.fixture
def first(agency):
    return staff(agency, Role.REVIEWER_FIRST, full_name="王建华")


@pytest.fixture
def second(agency):
    return staff(agency, Role.REVIEWER_SECOND, full_name="买买提")


@pytest.fixture
def final(agency):
    return staff(agency, Role.REVIEWER_FINAL, full_name="李国强")


@pytest.fixture
def column(agency):
    return Column.objects.create(agency=agency, name="惠民政策", kind=ColumnKind.POLICY, art20_item=11)


@pytest.fixture
def portal(agency):
    return Channel.objects.create(agency=agency, kind=ChannelKind.PORTAL, name="叶城县政府门户网站",
                                  url="https://www.yecheng.gov.cn/")


@pytest.fixture
def make_item(agency, clerk):
    def make(title="2024年衔接项目实施方案", **data):
        return services.create_item(agency=agency, author=clerk, data={"title": title, **data})
    return make


@pytest.fixture
def walk(clerk, first, second, final):
    """Submit the latest version and pass all three levels; returns the review."""
    def run(item):
        review = services.submit_for_review(item=item, user=clerk)
        for reviewer in (first, second, final):
            review = services.act_on_review(review=review, user=reviewer, action=Action.APPROVE)
        return review
    return run
