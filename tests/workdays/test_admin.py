from datetime import date

import pytest

from gongkai.workdays.calendar import get_calendar
from gongkai.workdays.models import HolidayYear

pytestmark = pytest.mark.django_db


def test_an_administrator_enters_next_years_notice_in_one_form(admin_client):
    response = admin_client.post("/admin/workdays/holidayyear/add/", {
        "year": "2031", "source": "国务院办公厅关于2031年部分节假日安排的通知", "note": "",
        "holidays": "元旦 2031-01-01\n春节 2031年1月22日 至 2031年1月28日",
        "makeup_days": "2031-01-19、2031-02-08",
    })
    assert response.status_code == 302, response.content.decode()
    assert HolidayYear.objects.get(year=2031).source.startswith("国务院办公厅")
    calendar = get_calendar()
    assert not calendar.is_workday(date(2031, 1, 24)) and calendar.is_workday(date(2031, 2, 8))


def test_a_bad_line_is_shown_on_the_form_and_nothing_is_saved(admin_client):
    response = admin_client.post("/admin/workdays/holidayyear/add/", {
        "year": "2031", "source": "通知", "holidays": "春节放七天", "makeup_days": "",
    })
    assert response.status_code == 200
    assert "放假安排第1行" in response.content.decode()
    assert not HolidayYear.objects.exists()


def test_dates_outside_the_year_are_shown_on_the_form(admin_client):
    response = admin_client.post("/admin/workdays/holidayyear/add/", {
        "year": "2031", "source": "通知", "holidays": "国庆节 2030-10-01 至 2030-10-07", "makeup_days": "",
    })
    assert response.status_code == 200
    assert "不在2031年内" in response.content.decode()


def test_entering_next_years_notice_shows_which_open_deadlines_moved(admin_client, monkeypatch):
    from gongkai.agencies.models import Role
    from gongkai.disclosure_requests import services
    from tests.disclosure_requests.conftest import make_agency, person
    from tests.factories import staff

    monkeypatch.setattr(services, "_today", lambda: date(2026, 12, 31))
    agency = make_agency(name="叶城县宗朗乡人民政府", short_name="宗朗乡")
    request = services.register_request(agency=agency, actor=staff(agency, Role.CLERK), received_on=date(2026, 12, 14),
                                        fields=person(channel="in_person"))
    assert request.due_on is None  # 2027 is not known yet: no guess
    response = admin_client.post("/admin/workdays/holidayyear/add/", {
        "year": "2027", "source": "国务院办公厅关于2027年部分节假日安排的通知", "note": "",
        "holidays": "元旦 2027-01-01 至 2027-01-03", "makeup_days": "",
    }, follow=True)
    page = response.content.decode()
    assert f"{request.number}：无法计算 → 2027-01-12" in page
