"""`gongkai workdays add DATE N` / `add -` / `year YEAR`."""

import sys
from datetime import date, timedelta

from django.core.management.base import CommandError

from gongkai.core.commands import GongkaiCommand, parse_count, parse_date
from gongkai.statute.clock import CalendarYearMissing, add_workdays
from gongkai.workdays.calendar import get_calendar
from gongkai.workdays.models import HolidayOverride


class Command(GongkaiCommand):
    help = "工作日计算：add 日期 N（N个工作日后的日期）；year 年份（该年节假日与调休安排）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
        add = sub.add_parser("add", help="DATE N：N个工作日后的日期；用 - 从标准输入逐行读取“DATE N”",
                             called_from_command_line=True)
        add.add_argument("start", help="起算日期 YYYY-MM-DD，或 - 表示从标准输入读取")
        add.add_argument("days", nargs="?", help="工作日数")
        year = sub.add_parser("year", help="显示一年的节假日、调休上班日及其来源", called_from_command_line=True)
        year.add_argument("year", help="年份，如 2025")

    def handle(self, *args, action, **options):
        calendar = get_calendar()
        if action == "year":
            return self.show_year(calendar, options["year"])
        if options["start"] == "-":
            return self.add_from_stdin(calendar)
        if options["days"] is None:
            raise CommandError("缺少工作日数：用法 gongkai workdays add 2024-09-27 20")
        start = parse_date(options["start"], "起算日期")
        self.stdout.write(add_workdays(start, parse_count(options["days"], "工作日数"), calendar).isoformat())

    def add_from_stdin(self, calendar):
        for line_no, line in enumerate(sys.stdin, 1):
            if not line.strip():
                continue
            parts = line.split()
            if len(parts) != 2:
                raise CommandError(f"第{line_no}行应为“日期 工作日数”，如“2024-09-27 20”，实际为“{line.strip()}”")
            try:
                start = parse_date(parts[0], "起算日期")
                days = parse_count(parts[1], "工作日数")
            except CommandError as exc:
                raise CommandError(f"第{line_no}行：{exc}") from None
            self.stdout.write(add_workdays(start, days, calendar).isoformat())

    def show_year(self, calendar, text):
        year = parse_count(text, "年份")
        if not calendar.knows(year):
            raise CalendarYearMissing(year)
        self.stdout.write(f"{year}年节假日安排 — 来源：{calendar.source(year)}")
        day, rest, makeup = date(year, 1, 1), [], []
        while day.year == year:
            workday = calendar.is_workday(day)
            if not workday and day.weekday() < 5:
                rest.append(day)
            elif workday and day.weekday() >= 5:
                makeup.append(day)
            day += timedelta(days=1)
        notes = dict(HolidayOverride.objects.filter(date__year=year).values_list("date", "note"))
        self.stdout.write("放假（工作日休息）：")
        for first, last in _runs(rest):
            span = f"{first:%m-%d}" if first == last else f"{first:%m-%d} 至 {last:%m-%d}"
            self.stdout.write(f"  {span} {notes.get(first, '')}".rstrip())
        self.stdout.write("调休上班（周末上班）：" + ("、".join(f"{d:%m-%d}（{'六日'[d.weekday() - 5]}）"
                                                       for d in makeup) or "无"))


def _runs(days):
    """Group consecutive working-day holidays; a weekend between two holiday days stays inside one run."""
    runs = []
    for day in days:
        if runs and (day - runs[-1][1]).days <= 3:
            runs[-1][1] = day
        else:
            runs.append([day, day])
    return [tuple(r) for r in runs]
