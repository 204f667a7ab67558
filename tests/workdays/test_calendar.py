from datetime import date

import pytest

from gongkai.core.errors import DomainError
from gongkai.statute.clock import CalendarYearMissing, add_workdays
from gongkai.workdays.calendar import get_calendar
from gongkai.workdays.models import HolidayOverride
from gongkai.workdays.notices import enter_holiday_notice, parse_holiday_ranges, parse_makeup_days

pytestmark = pytest.mark.django_db

NOTICE_2031 = """元旦 2031-01-01
春节 2031-01-22 至 2031-01-28
国庆节 2031-10-01 至 2031-10-07
"""


def test_the_real_calendar_knows_the_make_up_saturday_of_2024():
    calendar = get_calendar()
    assert add_workdays(date(2024, 9, 27), 7, calendar) == date(2024, 10, 12)
    assert add_workdays(date(2024, 9, 27), 20, calendar) == date(2024, 10, 30)


@pytest.mark.parametrize(("day", "worked"), [
    (date(2026, 10, 8), True),  # an ordinary Thursday after the 2026 National Day break
    (date(2026, 10, 10), True),  # a make-up Saturday
    (date(2025, 10, 8), False),  # a day off in lieu
])
def test_the_2025_and_2026_notices(day, worked):
    assert get_calendar().is_workday(day) is worked


def test_a_year_nobody_entered_is_an_error_naming_the_year():
    with pytest.raises(CalendarYearMissing, match="2031年节假日安排未录入"):
        get_calendar().is_workday(date(2031, 3, 3))


def test_an_entered_notice_makes_the_year_known_with_its_days_off_and_make_up_days():
    enter_holiday_notice(year=2031, source="国务院办公厅关于2031年部分节假日安排的通知",
                         holidays=parse_holiday_ranges(NOTICE_2031),
                         makeup_days=parse_makeup_days("2031-01-19, 2031-02-08"))
    calendar = get_calendar()
    assert not calendar.is_workday(date(2031, 1, 22))
    assert calendar.is_workday(date(2031, 2, 8))  # a Saturday worked
    assert calendar.is_workday(date(2031, 3, 3))
    assert HolidayOverride.objects.filter(date__year=2031, is_workday=False).count() == 15


def test_the_override_table_wins_over_the_library():
    HolidayOverride.objects.create(date=date(2026, 3, 2), is_workday=False, note="地方假日")
    assert not get_calendar().is_workday(date(2026, 3, 2))


def test_a_malformed_notice_line_names_the_line():
    with pytest.raises(DomainError, match="放假安排第2行"):
        parse_holiday_ranges("元旦 2031-01-01\n春节放假七天")
    with pytest.raises(DomainError, match="日期“2031-02-30”不存在"):
        parse_holiday_ranges("春节 2031-02-30")


def test_a_day_both_off_and_worked_is_refused():
    with pytest.raises(DomainError, match="既在放假安排中又是调休上班日"):
        enter_holiday_notice(year=2031, source="x", holidays=parse_holiday_ranges("元旦 2031-01-01"),
                             makeup_days=[date(2031, 1, 1)])
