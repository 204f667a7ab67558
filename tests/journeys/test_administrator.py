"""管理员 (the administrator): adds a staff member and gives a post in the admin, who can then log in and work;
enters next year's holiday notice and sees which open requests' deadlines it moved. (Backups, restores and the
move to PostgreSQL are command-line steps: tests/ops.)"""

from datetime import date

import pytest
from django.utils import timezone

from gongkai.agencies.models import Membership, Role
from gongkai.disclosure_requests import services
from gongkai.workdays.models import HolidayYear

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_administrator_adds_staff_and_enters_next_years_holidays(demo, walk):
    page = walk.page
    walk.login("admin")
    walk.go("/admin/")
    walk.check("admin-home")

    # 1. A new clerk for 宗朗乡: the account, then the post.
    walk.go("/admin/accounts/user/add/")
    walk.check("user-add")
    page.locator("#id_username").fill("zl_xinren")
    page.locator("#id_password1").fill("Xinren-2026-mima")
    page.locator("#id_password2").fill("Xinren-2026-mima")
    page.locator("input[name=_continue]").click()
    walk.check("user-created")
    assert "zl_xinren" in page.locator("#content").inner_text()
    page.locator("#id_full_name").fill("热依拉")
    page.locator("#id_memberships-0-agency").select_option(label="叶城县宗朗乡人民政府")
    page.locator("#id_memberships-0-role").select_option(Role.CLERK.value)
    walk.check("user-post")
    page.locator("input[name=_save]").click()
    walk.check("user-saved")
    assert Membership.objects.filter(user__username="zl_xinren", role=Role.CLERK,
                                     agency=demo.agencies["zonglang"]).exists()
    walk.login("zl_xinren", "Xinren-2026-mima")
    walk.check("new-clerk-home")
    assert "叶城县宗朗乡人民政府" in walk.main_text()

    # 2. Next year's holiday notice. A request answered late in the year with an extension is due next year:
    # until the notice is entered its deadline cannot be computed; entering it moves that deadline.
    today = timezone.localdate()
    next_year = today.year + 1
    clerk, head = demo.users["zl_jingban"], demo.users["zl_fuzeren"]
    late = services.register_request(agency=demo.agencies["zonglang"], actor=clerk, received_on=today, fields={
        "channel": "in_person", "applicant_type": "natural_person", "applicant_name": "阿布都热合曼",
        "id_type": "resident_id", "id_number": _id_number("65312619800101001"), "phone": "13899912345",
        "address": "叶城县宗朗乡", "description": "本村2026年护林员补贴发放名单",
        "form_wanted": "paper", "delivery": "pickup"})
    services.extend_deadline(late, actor=head, day=today, days=20, reason="需调取各村档案")
    late.refresh_from_db()
    reaches_next_year = late.due_on is None or late.due_on.year >= next_year
    before = late.due_on

    walk.login("admin")
    walk.go("/admin/workdays/holidayyear/add/")
    walk.check("holiday-notice-form")
    page.locator("#id_year").fill(str(next_year))
    page.locator("#id_source").fill(f"国务院办公厅关于{next_year}年部分节假日安排的通知")
    page.locator("#id_holidays").fill(f"元旦 {next_year}-01-01 至 {next_year}-01-03\n"
                                      f"春节 {next_year}-02-06 至 {next_year}-02-12")
    page.locator("#id_makeup_days").fill(f"{next_year}-02-14")
    page.locator("input[name=_save]").click()
    walk.check("holiday-notice-saved")
    assert HolidayYear.objects.filter(year=next_year).exists()
    messages = page.locator(".messagelist").inner_text()
    late.refresh_from_db()
    if reaches_next_year:  # the request's deadline is named, with the day it now falls on
        assert late.number in messages and late.due_on is not None and late.due_on != before, messages
        assert late.due_on.isoformat() in messages
    else:
        assert "答复期限" in messages
    assert date(next_year, 1, 1) not in _workdays(next_year)
    walk.finish()


def _id_number(body: str) -> str:
    from gongkai.statute.identifiers import ID_CHECK, ID_WEIGHTS

    return body + ID_CHECK[sum(int(d) * w for d, w in zip(body, ID_WEIGHTS, strict=True)) % 11]


def _workdays(year: int) -> set[date]:
    from gongkai.workdays.calendar import get_calendar

    calendar, day, out = get_calendar(), date(year, 1, 1), set()
    while day.month == 1 and day.day <= 5:
        if calendar.is_workday(day):
            out.add(day)
        day = date.fromordinal(day.toordinal() + 1)
    return out
