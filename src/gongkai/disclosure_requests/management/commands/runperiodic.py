"""`gongkai runperiodic` (for cron, daily): close lapsed 补正/fee deadlines, mail reminders, sweep stale uploads."""

from django.conf import settings
from django.utils import timezone

from gongkai.core.commands import GongkaiCommand, parse_date
from gongkai.core.periodic import once_a_day
from gongkai.core.uploads import remove_stale_uploads
from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.reminders import send_reminders, unknown_due
from gongkai.workdays.calendar import get_calendar


class Command(GongkaiCommand):
    help = ("每日定时任务：逾期未补正的申请按“其他处理—逾期不补正”办结（条例第三十条），逾期未缴费的按“逾期未缴费”办结"
            "（国办函〔2020〕109号），征求意见期限届满未答复的记录为届满；并向经办人发送3个工作日内到期或已逾期的提醒邮件；"
            "并清理被中断的上传留下的临时文件。")

    def add_arguments(self, parser):
        parser.add_argument("--today", help="按指定日期运行（YYYY-MM-DD），默认今天")
        parser.add_argument("--resend", action="store_true", help="当日提醒邮件已发送过的，再发送一次")

    def handle(self, *args, **options):
        today = parse_date(options["today"], "日期") if options.get("today") else timezone.localdate()
        events = services.close_lapsed(today=today)
        # Closing lapsed deadlines is idempotent; the e-mails are not, so one host a day sends them.
        with once_a_day("reminders", today, force=options["resend"]) as mine:
            sent = send_reminders(today=today, calendar=get_calendar()) if mine else None
        for e in events:
            self.stdout.write(f"{e.request.number}：{e.get_kind_display()}")
        for r in unknown_due():
            self.stdout.write(f"{r.number}：{r.due_warning}")
        mails = f"发送提醒邮件 {sent} 封" if sent is not None else "提醒邮件今日已由其他运行发送（--resend 可重发）"
        self.stdout.write(f"{today.isoformat()}：处理到期事项 {len(events)} 件，{mails}")
        hours = settings.GONGKAI_UPLOAD_TEMP_MAX_AGE_HOURS
        removed = remove_stale_uploads(older_than_hours=hours)
        if removed:
            self.stdout.write(f"清理超过{hours}小时的上传临时文件 {removed} 个")
