"""`gongkai runperiodic`: lapsed deadlines closed once, reminder e-mails to assignees."""

from datetime import date
from io import StringIO

from django.core import mail
from django.core.management import call_command

from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.models import Request, State


def test_runperiodic_closes_lapsed_supplement_and_emails_the_assignee(register, clerk):
    clerk.email = "clerk@example.gov.cn"
    clerk.save()
    lapsing = register(date(2025, 9, 1))
    services.request_supplement(lapsing, actor=clerk, day=date(2025, 9, 2), items="文号",
                                supplement_due=date(2025, 9, 12))
    overdue = register(date(2025, 9, 1))
    services.record_event(overdue, kind="assigned", actor=clerk, day=date(2025, 9, 2), data={"assignee": clerk.pk})
    out = StringIO()
    call_command("runperiodic", "--today", "2025-10-13", stdout=out)
    assert Request.objects.get(pk=lapsing.pk).outcome == "other.no_supplement"
    assert "处理到期事项 1 件" in out.getvalue()
    assert len(mail.outbox) == 1 and overdue.number in mail.outbox[0].body and "已逾期" in mail.outbox[0].body
    call_command("runperiodic", "--today", "2025-10-13", stdout=StringIO())
    assert Request.objects.get(pk=lapsing.pk).events.filter(kind="supplement_lapsed").count() == 1
    assert Request.objects.get(pk=overdue.pk).state == State.PROCESSING


def test_runperiodic_refuses_a_bad_date():
    import pytest
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="格式不正确"):
        call_command("runperiodic", "--today", "2025-13-01")


def test_reminders_go_out_once_a_day_however_many_hosts_run_the_job(register, clerk):
    """Two hosts' cron both run runperiodic in the morning: one e-mail, and the second run says why it sent none."""
    clerk.email = "clerk@example.gov.cn"
    clerk.save()
    overdue = register(date(2025, 9, 1))
    services.record_event(overdue, kind="assigned", actor=clerk, day=date(2025, 9, 2), data={"assignee": clerk.pk})
    call_command("runperiodic", "--today", "2025-10-13", stdout=StringIO())
    second = StringIO()
    call_command("runperiodic", "--today", "2025-10-13", stdout=second)
    assert len(mail.outbox) == 1
    assert "今日已由其他运行发送" in second.getvalue()
    call_command("runperiodic", "--today", "2025-10-14", stdout=StringIO())
    call_command("runperiodic", "--today", "2025-10-14", "--resend", stdout=StringIO())
    assert len(mail.outbox) == 3
