"""Base for the project's commands: bad input ends in a Chinese message and exit 1, never a traceback."""

import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from gongkai.core.errors import DomainError
from gongkai.statute.clock import CalendarYearMissing


class GongkaiCommand(BaseCommand):
    """From the command line, errors print as “错误：…” and exit 1; from call_command they raise CommandError.

    The project's commands skip Django's system checks: they import every view and URLconf (and jieba's
    dictionary through them), which doubled the start-up of a one-line command such as `workdays add`. Commands
    that start a long-running process (`serve`) ask for the checks again."""

    requires_system_checks = []

    def execute(self, *args, **options):
        try:
            try:
                return super().execute(*args, **options)
            except (DomainError, CalendarYearMissing) as exc:
                raise CommandError(getattr(exc, "message", None) or str(exc)) from exc
            except DatabaseError as exc:
                raise CommandError(f"数据库无法使用（{type(exc).__name__}: {str(exc).strip()[:200]}）。"
                                   "新安装请先运行 gongkai migrate；已有安装请检查 DATABASE_URL 与数据库服务") from exc
        except CommandError as exc:
            if not getattr(self, "_called_from_command_line", False) or options.get("traceback"):
                raise
            sys.stderr.write(f"错误：{exc}\n")
            sys.exit(exc.returncode)


def parse_date(text: str, field: str = "日期") -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(f"{field}“{text}”格式不正确，应为 YYYY-MM-DD，如 2024-09-27") from None


def parse_count(text: str, field: str) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise CommandError(f"{field}“{text}”应为整数") from None
    if value < 0:
        raise CommandError(f"{field}不能为负数")
    return value
