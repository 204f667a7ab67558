"""The calendar the statute clock gets: the override table first, then chinesecalendar, else an error."""

from datetime import date

import chinese_calendar

from gongkai.statute.clock import CalendarYearMissing

from .models import HolidayOverride, HolidayYear


class DbCalendar:
    """Reads each year once; create one per request or command, not per process (data changes)."""

    def __init__(self):
        self._overrides: dict[int, dict[date, bool]] = {}
        self._entered: dict[int, bool] = {}
        # Every day asked once: the statute clock walks the same days for every request of a bulk import, and
        # chinesecalendar's own check of a date scans its whole table on each call.
        self._days: dict[date, bool] = {}

    def _year_overrides(self, year: int) -> dict[date, bool]:
        if year not in self._overrides:
            rows = HolidayOverride.objects.filter(date__year=year).values_list("date", "is_workday")
            self._overrides[year] = dict(rows)
            self._entered[year] = HolidayYear.objects.filter(year=year).exists()
        return self._overrides[year]

    def is_workday(self, day: date) -> bool:
        known = self._days.get(day)
        if known is None:
            known = self._days[day] = self._is_workday(day)
        return known

    def _is_workday(self, day: date) -> bool:
        overrides = self._year_overrides(day.year)
        if day in overrides:
            return overrides[day]
        if self._entered[day.year]:
            return day.weekday() < 5
        try:
            return chinese_calendar.is_workday(day)
        except NotImplementedError:
            raise CalendarYearMissing(day.year) from None

    def knows(self, year: int) -> bool:
        try:
            self.is_workday(date(year, 6, 30))
        except CalendarYearMissing:
            return False
        return True

    def source(self, year: int) -> str:
        entered = HolidayYear.objects.filter(year=year).first()
        if entered:
            return f"管理员录入：{entered.source}"
        if self.knows(year):
            return f"chinesecalendar {getattr(chinese_calendar, '__version__', '')}".strip() + "（国务院办公厅通知）"
        return "未录入"


def get_calendar() -> DbCalendar:
    return DbCalendar()
