import pytest
from django.core.exceptions import ValidationError

from gongkai.agencies.lookup import find_agency
from gongkai.agencies.models import Agency, Kind, Level, Role
from gongkai.agencies.permissions import agencies_for, can_approve_extension, can_supervise, can_work_in
from gongkai.core.errors import DomainError
from tests.factories import AgencyFactory, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    county = AgencyFactory(name="叶城县人民政府", short_name="叶城县", level=Level.COUNTY)
    town = AgencyFactory(name="叶城县宗朗乡人民政府", short_name="宗朗乡", parent=county)
    other = AgencyFactory(name="莎车县人民政府", short_name="莎车县", level=Level.COUNTY)
    return county, town, other


def test_the_path_places_an_agency_under_its_parent(tree):
    county, town, _ = tree
    assert town.path == f"{county.path}{town.pk}/"
    assert list(Agency.objects.subtree_of(county)) == [county, town]


def test_moving_an_agency_moves_its_subtree(tree):
    county, town, other = tree
    county.parent = other
    county.save()
    town.refresh_from_db()
    assert town.path == f"{other.path}{county.pk}/{town.pk}/"


def test_an_agency_cannot_be_put_under_itself(tree):
    county, town, _ = tree
    county.parent = town
    with pytest.raises(ValidationError, match="上级机关不能是本机关或其下级机关"):
        county.full_clean()


def test_a_wrong_credit_code_is_refused_with_the_reason():
    agency = Agency(name="某局", short_name="某局", level=Level.COUNTY, kind=Kind.DEPARTMENT,
                    uscc="91350100M000100Y44")
    with pytest.raises(ValidationError) as exc:
        agency.full_clean()
    assert "统一社会信用代码校验位错误" in str(exc.value)


def test_the_organisation_code_comes_from_the_credit_code():
    agency = Agency.objects.create(name="某局", short_name="某局", level=Level.COUNTY, kind=Kind.DEPARTMENT,
                                   uscc="91350100M000100Y43")
    assert agency.org_code == "M000100Y4"


def test_only_county_and_above_governments_report_by_31_march(tree):
    county, town, _ = tree
    county.kind = Kind.GOVERNMENT
    assert county.is_county_or_above_government
    assert not town.is_county_or_above_government


def test_a_supervisor_reads_the_whole_subtree_and_nothing_else(tree):
    county, town, other = tree
    supervisor = staff(county, Role.SUPERVISOR)
    assert set(agencies_for(supervisor)) == {county, town}
    assert can_supervise(supervisor, town) and not can_supervise(supervisor, other)
    assert not can_work_in(supervisor, town)


def test_a_clerk_works_in_their_agency_only(tree):
    _, town, other = tree
    clerk = staff(town, Role.CLERK)
    assert list(agencies_for(clerk)) == [town]
    assert can_work_in(clerk, town) and not can_work_in(clerk, other)
    assert not can_approve_extension(clerk, town)
    assert can_approve_extension(staff(town, Role.HEAD), town)


def test_an_agency_is_found_by_name_short_name_or_code(tree):
    _, town, _ = tree
    assert find_agency("叶城县宗朗乡人民政府") == town
    assert find_agency("宗朗乡") == town
    assert find_agency(town.uscc.lower()) == town
    with pytest.raises(DomainError, match="找不到机关“不存在的乡”"):
        find_agency("不存在的乡")
