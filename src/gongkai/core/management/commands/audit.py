"""`gongkai audit verify`: reports every edited or deleted row of the audit trail."""

from django.core.management.base import CommandError

from gongkai.core.audit import verify_chain
from gongkai.core.commands import GongkaiCommand
from gongkai.core.models import AuditEntry


class Command(GongkaiCommand):
    help = "审计记录：verify 校验哈希链，发现被改动或删除的记录"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"], help="verify")

    def handle(self, *args, **options):
        breaks = verify_chain()
        if breaks:
            for b in breaks:
                self.stderr.write(f"  × {b.message}")
            raise CommandError(f"审计链校验失败：{len(breaks)}处问题")
        self.stdout.write(f"审计链完好：共{AuditEntry.objects.count()}条记录，未发现改动或删除。")
