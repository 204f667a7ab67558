"""`gongkai restore ARCHIVE`: restore a backup into an empty database and empty file folders, then verify."""

from pathlib import Path

from gongkai.core.commands import GongkaiCommand
from gongkai.core.restore import restore


class Command(GongkaiCommand):
    help = "恢复：把 gongkai backup 生成的备份恢复到空数据库和空文件夹，并校验清单与审计链"

    def add_arguments(self, parser):
        parser.add_argument("archive", help="备份文件路径")

    def handle(self, *args, archive, **options):
        done = restore(Path(archive))
        self.stdout.write(f"恢复完成：{done.rows}行数据、{done.files}个文件与清单一致，"
                          f"审计链完好并与检查点 {done.manifest['audit_checkpoint']} 一致。")
