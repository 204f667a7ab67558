"""Base for the project's commands: bad input ends in a Chinese message and exit 1, never a traceback."""

import sys
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from gongkai.core.errors import DomainError
from gongkai.statute.clock import CalendarYearMissing


class GongkaiCommand(BaseCommand):
    """From the command line, errors print as “错误：…” and exit 1; from call_command they raise CommandError."""

    def execute(self, *args, **options):
        try:
            try:
                return super().execute(*args, **options)
            except (DomainError, CalendarYearMissing) as exc:
                raise CommandError(getattr(exc, "message", None) or str(exc)) from exc
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
