"""Factories shared by every app's tests: agencies, staff users with roles."""

import factory
from django.contrib.auth import get_user_model

from gongkai.agencies.models import Agency, Kind, Level, Membership
from gongkai.statute.identifiers import make_org_code, make_uscc


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"测试县第{n}乡人民政府")
    short_name = factory.Sequence(lambda n: f"第{n}乡")
    level = Level.TOWNSHIP
    kind = Kind.GOVERNMENT

    org_code = factory.Sequence(lambda n: make_org_code(f"{n + 1:08d}"))

    @factory.lazy_attribute
    def uscc(self):
        return make_uscc("11653126" + self.org_code)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"工作人员{n}")
    is_staff = False  # /admin/ is for system administrators only; staff pages rest on memberships
    password = factory.PostGenerationMethodCall("set_password", "pw-12345678")


def staff(agency, *roles, **kwargs):
    """A user holding the given roles in the agency."""
    user = UserFactory(**kwargs)
    user.save()
    for role in roles:
        Membership.objects.create(user=user, agency=agency, role=role)
    return user
