from django.utils import timezone

from gongkai.agencies.lookup import find_agency
from gongkai.agencies.models import Agency
from gongkai.catalog.selfcheck import run_selfcheck
from gongkai.core.commands import GongkaiCommand, parse_date

MARKS = {"veto": "【单项否决】", "warning": "【问题】", "info": "【提示】"}


class Command(GongkaiCommand):
    help = ("定期自查：按国办秘函〔2019〕19号列出不更新栏目（动态要闻类2周、通知公告和政策文件类6个月）和空白栏目，"
            "到期应评估有效性的规范性文件、无法打开的附件，以及成文后超过20个工作日才发布的信息（条例第二十六条）。")

    def add_arguments(self, parser):
        parser.add_argument("--agency", help="机关名称或简称；不填则检查全部机关")
        parser.add_argument("--today", help="检查日期 YYYY-MM-DD，默认今天")

    def handle(self, *args, agency=None, today=None, **options):
        day = parse_date(today, "检查日期") if today else timezone.localdate()
        agencies = [find_agency(agency)] if agency else list(Agency.objects.all())
        total = 0
        for one in agencies:
            findings = run_selfcheck(one, day)
            total += len(findings)
            self.stdout.write(f"{one.name}（检查日期 {day:%Y-%m-%d}）：{len(findings)} 项")
            for f in findings:
                self.stdout.write(f"  {MARKS[f.severity]}{f.message}")
        self.stdout.write(f"合计 {total} 项")
