"""`gongkai migrate-db --to postgres://…`: move every table of this database into an empty PostgreSQL one."""

from gongkai.core.audit import checkpoint, verify_chain
from gongkai.core.commands import GongkaiCommand
from gongkai.core.databases import add_database, file_fields, holds_data
from gongkai.core.dbcopy import copy_database, count_rows
from gongkai.core.errors import DomainError

TARGET = "target"


class Command(GongkaiCommand):
    help = "迁移数据库：把当前数据库（如 SQLite）的全部数据搬到一个空的 PostgreSQL 数据库，并校验"

    def add_arguments(self, parser):
        parser.add_argument("--to", required=True, metavar="URL", help="目标数据库，如 postgres://gongkai@127.0.0.1/gongkai")

    def handle(self, *args, to, **options):
        self.verbosity = options["verbosity"]
        add_database(TARGET, to)
        tables = holds_data(TARGET)
        if tables:
            raise DomainError(f"目标数据库不是空的（{'、'.join(tables[:5])}等表已有数据）：只能迁移到空数据库")
        source_checkpoint = checkpoint()
        copied = copy_database("default", TARGET, progress=self._progress)
        landed = count_rows(TARGET)
        problems = [f"表 {t}：源{n}行，目标{landed.get(t)}行" for t, n in count_rows("default").items()
                    if landed.get(t) != n]
        problems += [b.message for b in verify_chain(checkpoint=source_checkpoint, using=TARGET)]
        if problems:
            raise DomainError("迁移后校验失败：\n  " + "\n  ".join(problems[:30]))
        self.stdout.write(f"迁移完成：{sum(copied.values())}行数据，审计链在新数据库上完好"
                          f"（检查点 {source_checkpoint}）；编号序列已重置，全文检索索引已重建。")
        if file_fields():
            self.stdout.write("附件等文件仍在原处（PRIVATE_MEDIA_ROOT、MEDIA_ROOT），数据库只记载其路径，无需搬动。")
        self.stdout.write("下一步：停止服务，把 DATABASE_URL 设为新数据库的地址，再启动服务。")

    def _progress(self, table: str, rows: int) -> None:
        if self.verbosity > 1:
            self.stdout.write(f"  {table}: {rows}")
