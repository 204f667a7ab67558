import io
import subprocess
import sys
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.workdays.notices import enter_holiday_notice, parse_holiday_ranges

pytestmark = pytest.mark.django_db


def run(*args, stdin=None):
    out = io.StringIO()
    if stdin is not None:
        sys.stdin, saved = io.StringIO(stdin), sys.stdin
    try:
        call_command(*args, stdout=out)
    finally:
        if stdin is not None:
            sys.stdin = saved
    return out.getvalue().split()


def test_add_reads_dates_and_counts_from_standard_input():
    assert run("workdays", "add", "-", stdin="2024-09-27 20\n2024-09-27 7\n") == ["2024-10-30", "2024-10-12"]


def test_add_one_date():
    assert run("workdays", "add", "2025-09-26", "20") == ["2025-10-30"]


def test_a_date_in_2031_is_refused_until_its_notice_is_entered():
    with pytest.raises(CommandError, match="2031年节假日安排未录入"):
        run("workdays", "add", "2031-01-06", "3")
    enter_holiday_notice(year=2031, source="2031年通知", holidays=parse_holiday_ranges("元旦 2031-01-01"),
                         makeup_days=[])
    assert run("workdays", "add", "2031-01-06", "3") == ["2031-01-09"]


@pytest.mark.parametrize(("args", "message"), [
    (("workdays", "add", "2024-13-01", "3"), "起算日期“2024-13-01”格式不正确"),
    (("workdays", "add", "2024-09-27", "x"), "工作日数“x”应为整数"),
    (("workdays", "add", "2024-09-27", "-3"), "工作日数不能为负数"),
])
def test_bad_input_gets_a_chinese_message(args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_a_bad_stdin_line_is_named():
    with pytest.raises(CommandError, match="第2行"):
        run("workdays", "add", "-", stdin="2024-09-27 20\n2024/09/27 x\n")


def test_year_lists_holidays_make_up_days_and_source():
    out = io.StringIO()
    call_command("workdays", "year", "2026", stdout=out)
    text = out.getvalue()
    assert "10-01 至 10-07" in text and "10-10（六）" in text and "来源" in text


def test_fees_by_page_and_by_item():
    assert run("fees", "quote", "--by-page", "754")[0] == "24860"
    assert run("fees", "quote", "--by-page", "2219")[0] == "83460"
    assert run("fees", "quote", "--by-item", "35")[0] == "3000"


def test_the_console_script_prints_a_chinese_error_and_exits_non_zero(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "workdays", "add", "2024-02-30", "3"],
        capture_output=True, text=True, env={"GONGKAI_VAR_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 1
    assert result.stderr.startswith("错误：起算日期“2024-02-30”格式不正确")
    assert "Traceback" not in result.stderr


def test_calendar_dates_are_the_real_ones():
    assert date(2024, 10, 12).weekday() == 5  # the 7th working day is a make-up Saturday
