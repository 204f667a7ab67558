"""`gongkai audit verify|checkpoint|rechain`: check the audit trail, export its checkpoint, key an old chain."""

from django.core.management.base import CommandError

from gongkai.core.audit import Checkpoint, checkpoint, verify_chain
from gongkai.core.audit_rechain import rechain
from gongkai.core.commands import GongkaiCommand

SHOWN = 200  # an old install's unsealed events would otherwise print one line each


class Command(GongkaiCommand):
    help = ("审计记录：verify 校验哈希链（可加 --checkpoint 条数:哈希 对照保存在别处的检查点）；"
            "checkpoint 输出当前检查点；rechain --i-understand 用审计密钥重建旧安装的审计链")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "checkpoint", "rechain"], help="verify / checkpoint / rechain")
        parser.add_argument("--checkpoint", dest="expected", metavar="COUNT:HASH",
                            help="verify：此前用 checkpoint 导出并保存在别处的检查点")
        parser.add_argument("--i-understand", action="store_true", help="rechain：确认要改写全部记录的哈希")
        parser.add_argument("--accept-breaks", action="store_true",
                            help="rechain：原链已有不符之处（已查明原因）时仍然重建，并把不符之处记入新链")

    def handle(self, *args, action, expected=None, i_understand=False, accept_breaks=False, **options):
        if action == "checkpoint":
            self.stdout.write(str(checkpoint()))
        elif action == "rechain":
            self._rechain(i_understand, accept_breaks)
        else:
            self._verify(expected)

    def _verify(self, expected: str | None) -> None:
        try:
            cp = Checkpoint.parse(expected) if expected else None
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        breaks = verify_chain(checkpoint=cp)
        if breaks:
            for b in breaks[:SHOWN]:
                self.stderr.write(f"  × {b.message}")
            if len(breaks) > SHOWN:
                self.stderr.write(f"  ……另有{len(breaks) - SHOWN}处")
            raise CommandError(f"审计链校验失败：{len(breaks)}处问题")
        current = checkpoint()
        against = f"，与检查点（{cp.count}条）一致" if cp else ""
        self.stdout.write(f"审计链完好：共{current.count}条记录，未发现改动或删除{against}。")

    def _rechain(self, i_understand: bool, accept_breaks: bool) -> None:
        if not i_understand:
            raise CommandError("rechain 会改写全部审计记录的哈希：请先备份数据库，确认后加 --i-understand 运行")
        done = rechain(accept_breaks=accept_breaks)
        accepted = f"；接受了原链{len(done.broken)}处不符（已记入新链）" if done.broken else ""
        self.stdout.write(f"审计链已用审计密钥重建：{done.rows}条记录，补记{done.sealed}条办理记录的校验值{accepted}。")
        self.stdout.write(f"新的检查点（请保存在服务器之外）：{checkpoint()}")
