"""Entering a year's State Council holiday notice: ranges of days off and make-up working days."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar
from django.db import transaction

from gongkai.core.audit import log_action
from gongkai.core.errors import DomainError

from .models import HolidayOverride, HolidayYear

DATE = r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
RANGE_SEP = r"\s*(?:至|到|~|～|—|–|-{1,2})\s*"


@dataclass(frozen=True)
class HolidayRange:
    name: str
    first: date
    last: date


def _date(match: re.Match, line_no: int, label: str) -> date:
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise DomainError(f"{label}第{line_no}行：日期“{match[0]}”不存在", field=label) from None


def parse_holiday_ranges(text: str) -> list[HolidayRange]:
    """Lines like “春节 2027-02-05 至 2027-02-11” or “清明节 2027-04-05”."""
    ranges = []
    for line_no, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        dates = list(re.finditer(DATE, line))
        if not dates or len(dates) > 2:
            raise DomainError(
                f"放假安排第{line_no}行应写“名称 开始日期 至 结束日期”，如“春节 2027-02-05 至 2027-02-11”",
                field="放假安排",
            )
        first = _date(dates[0], line_no, "放假安排")
        last = _date(dates[-1], line_no, "放假安排")
        if last < first:
            raise DomainError(f"放假安排第{line_no}行：结束日期早于开始日期", field="放假安排")
        if (last - first).days > 15:
            raise DomainError(f"放假安排第{line_no}行：一次放假超过15天，请检查日期", field="放假安排")
        name = re.sub(DATE + "|" + RANGE_SEP.strip(r"\s*"), " ", line).strip(" ：:，,") or "节假日"
        ranges.append(HolidayRange(name.split()[0] if name.split() else "节假日", first, last))
    return ranges


def parse_makeup_days(text: str) -> list[date]:
    """Any dates in the text: one per line or separated by commas (调休上班日)."""
    return [_date(m, n, "调休上班日") for n, line in enumerate(text.splitlines(), 1) for m in re.finditer(DATE, line)]


def check_dates_in_year(year: int, holidays: list[HolidayRange], makeup_days: list[date]) -> None:
    """A notice is for one year; only New Year make-up days may spill into the neighbouring December/January."""
    for day in [*(r.first for r in holidays), *(r.last for r in holidays), *makeup_days]:
        near_new_year = abs(day.year - year) == 1 and day.month in (1, 12)
        if day.year != year and not near_new_year:
            raise DomainError(f"日期{day:%Y-%m-%d}不在{year}年内", field="放假安排")


@transaction.atomic
def enter_holiday_notice(*, year: int, source: str, holidays: list[HolidayRange], makeup_days: list[date],
                         actor=None, note: str = "") -> HolidayYear:
    """Replace the year's table with the notice: days off, then make-up working days."""
    if not holidays:
        raise DomainError("请至少填写一段放假安排", field="放假安排")
    check_dates_in_year(year, holidays, makeup_days)
    HolidayOverride.objects.filter(date__year=year).delete()
    rows = {}
    for r in holidays:
        day = r.first
        while day <= r.last:
            rows[day] = HolidayOverride(date=day, is_workday=False, note=r.name, source=source)
            day += timedelta(days=1)
    for day in makeup_days:
        if day in rows:
            raise DomainError(f"{day:%Y-%m-%d}既在放假安排中又是调休上班日", field="调休上班日")
        rows[day] = HolidayOverride(date=day, is_workday=True, note="调休上班", source=source)
    HolidayOverride.objects.bulk_create(rows.values())
    entry, _ = HolidayYear.objects.update_or_create(year=year, defaults={"source": source, "note": note})
    log_action("workdays.notice.entered", actor=actor, obj=entry, data={
        "year": year, "source": source, "holidays": [[r.name, r.first, r.last] for r in holidays],
        "makeup_days": makeup_days,
    })
    return entry


HOLIDAY_NAMES = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节", "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节", "National Day": "国庆节", "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def seed_from_chinesecalendar(year: int, source: str, actor=None) -> HolidayYear:
    """Copy a year chinesecalendar knows into the table, so the admin shows it with its notice."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    holidays = []
    for day in chinese_calendar.get_holidays(start, end, include_weekends=False):
        name = chinese_calendar.get_holiday_detail(day)[1]
        holidays.append(HolidayRange(HOLIDAY_NAMES.get(name, name or "节假日"), day, day))
    makeup = [d for d in chinese_calendar.get_workdays(start, end) if d.weekday() >= 5]
    return enter_holiday_notice(year=year, source=source, holidays=holidays, makeup_days=makeup, actor=actor)
