"""`gongkai demo`: the demo county, its townships, staff personas and a year of records."""

from django.db import transaction

from gongkai.agencies.models import Agency
from gongkai.core.commands import GongkaiCommand
from gongkai.core.demo import DEMO_PASSWORD, load_demo

DEMO_AGENCY = "叶城县宗朗乡人民政府"


class Command(GongkaiCommand):
    help = "载入演示数据：叶城县人民政府、宗朗乡等机关，各角色演示账号及一年的业务记录"

    def handle(self, *args, **options):
        if Agency.objects.filter(name=DEMO_AGENCY).exists():
            self.stdout.write("演示数据已存在，未重复载入。（删除 var/gongkai.sqlite3 后重新运行 make demo 可重建）")
            return
        with transaction.atomic():
            ctx = load_demo()
        for line in ctx.lines:
            self.stdout.write(f"  · {line}")
        self.stdout.write(f"\n演示账号（密码均为 {DEMO_PASSWORD}）：")
        for username, description in ctx.logins:
            self.stdout.write(f"  {username:<16} {description}")
