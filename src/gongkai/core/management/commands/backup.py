"""`gongkai backup OUT`: one archive with the database snapshot, its files, the audit checkpoint, a manifest."""

from pathlib import Path

from gongkai.core.backup import write_backup
from gongkai.core.commands import GongkaiCommand


class Command(GongkaiCommand):
    help = "备份：数据库快照、申请附件等私有文件、审计检查点和清单，写入一个 .tar.gz 文件"

    def add_arguments(self, parser):
        parser.add_argument("out", help="备份文件路径，如 /srv/backup/gongkai-2025-01-31.tar.gz")

    def handle(self, *args, out, **options):
        path = Path(out)
        if not path.name.endswith((".tar.gz", ".tgz")):
            path = path.with_name(path.name + ".tar.gz")
        manifest = write_backup(path)
        rows = sum(manifest["tables"].values())
        self.stdout.write(f"备份完成：{path}（{rows}行数据，{len(manifest['files'])}个文件）")
        self.stdout.write(f"审计检查点（请另行保存在服务器之外）：{manifest['audit_checkpoint']}")
