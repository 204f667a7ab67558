import io

import pytest
from django.core.management import call_command

from gongkai.agencies.models import Agency, Membership, Role
from gongkai.core.audit import verify_chain

pytestmark = pytest.mark.django_db


def test_the_demo_loads_the_county_its_townships_and_a_persona_for_every_role():
    out = io.StringIO()
    call_command("demo", stdout=out)
    town = Agency.objects.get(name="叶城县宗朗乡人民政府")
    assert town.parent.name == "叶城县人民政府"
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    assert "zl_jingban" in out.getvalue() and "gongkai-demo" in out.getvalue()
    assert verify_chain() == []


def test_loading_the_demo_twice_does_not_duplicate_it():
    call_command("demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert "已存在" in out.getvalue()
    assert Agency.objects.filter(name="叶城县宗朗乡人民政府").count() == 1


def test_the_admin_login_page_is_in_chinese(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "登录" in response.content.decode()


def test_the_staff_home_needs_a_login(client):
    assert client.get("/").status_code == 302
