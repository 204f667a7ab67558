"""The clerk's home page lists requests overdue or due within 3 working days, with their colour and the working
days left counted on the holiday calendar (2025 National Day: 1–8 October off, Saturday 11 October worked)."""

from datetime import date

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from gongkai.disclosure_requests import dashboard

TODAY = date(2025, 9, 30)  # a Tuesday, the last working day before the holiday


@pytest.fixture
def on_today(monkeypatch):
    real = timezone.localdate
    monkeypatch.setattr(timezone, "localdate", lambda value=None, *a: real(value) if value else TODAY)


def _panel(clerk, agency):
    request = RequestFactory().get("/")
    request.user = clerk
    return dashboard.panel(request, [agency])


def test_due_dates_after_the_holiday_count_in_working_days(register, clerk, agency, on_today):
    after_holiday = register(date(2025, 9, 4))  # 20th working day: Thursday 9 October, the first after the holiday
    today_due = register(date(2025, 9, 3))
    overdue = register(date(2025, 9, 2))
    saturday = register(date(2025, 9, 8))  # the make-up working day, Saturday 11 October
    later = register(date(2025, 9, 9))
    assert [r.due_on for r in (after_holiday, today_due, overdue, saturday, later)] == [
        date(2025, 10, 9), date(2025, 9, 30), date(2025, 9, 29), date(2025, 10, 11), date(2025, 10, 13)]
    panel = _panel(clerk, agency)
    rows = [(row["request"].number, row["colour"], row["text"]) for row in panel["urgent"]]
    assert rows == [
        (overdue.number, "red", "已逾期1个工作日"),
        (today_due.number, "orange", "今天到期"),
        (after_holiday.number, "orange", "还剩1个工作日"),  # nine calendar days away, one working day
        (saturday.number, "orange", "还剩3个工作日"),
    ]
    assert later.number not in [r["request"].number for r in panel["urgent"]]  # 4 working days: not yet
    assert (panel["overdue"], panel["soon"]) == (1, 3)


def test_the_home_page_shows_them_with_their_colour(client, register, clerk, agency, on_today):
    after_holiday = register(date(2025, 9, 4))
    register(date(2025, 9, 2))
    client.force_login(clerk)
    page = client.get(reverse("home")).content.decode()
    assert f'{after_holiday.number}</a> 答复期限 2025-10-09' in page
    assert '<span class="badge orange">还剩1个工作日</span>' in page
    assert '<span class="badge red">已逾期1个工作日</span>' in page
