"""`gongkai import ledger FILE [--agency NAME]` / `gongkai import catalog FILE --agency NAME --user NAME`.

A progress bar on a terminal; piped (cron, a log), one line per stage instead."""

import time

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from gongkai.agencies.models import Agency
from gongkai.core.commands import GongkaiCommand


class StageLines:
    """Progress as one line per stage (and its final count): for a pipe or a log file."""

    def __init__(self, out):
        self.out, self.stage, self.started = out, None, time.monotonic()

    def __call__(self, stage, done, total):
        if stage != self.stage:
            self.stage = stage
            self.out.write(f"{stage}……（{time.monotonic() - self.started:.1f} 秒）")
        if total is not None and done == total:
            self.out.write(f"{stage}：{done}/{total} 行（{time.monotonic() - self.started:.1f} 秒）")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class Bar:
    """A rich progress bar, one task per stage."""

    def __init__(self, out):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), console=Console(file=out, highlight=False))
        self.tasks = {}

    def __call__(self, stage, done, total):
        if stage not in self.tasks:
            self.tasks[stage] = self.progress.add_task(stage, total=total)
        self.progress.update(self.tasks[stage], completed=done, total=total)

    def __enter__(self):
        self.progress.__enter__()
        return self

    def __exit__(self, *exc):
        return self.progress.__exit__(*exc)


def progress_for(stream):
    return Bar(stream) if stream.isatty() else StageLines(_Lines(stream))


class _Lines:
    def __init__(self, stream):
        self.stream = stream

    def write(self, line):
        self.stream.write(line + "\n")
        self.stream.flush()


class Command(GongkaiCommand):
    help = ("导入台账或目录（.xlsx）：ledger 依申请公开台账（全部检查无误才导入，有问题列出每一行）；"
            "catalog 政府信息公开目录（导入为草稿）")

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["ledger", "catalog"], help="ledger 台账 / catalog 目录")
        parser.add_argument("file", help=".xlsx 文件")
        parser.add_argument("--agency", help="机关全称：台账各行一律导入该机关（不读“受理机关”列）；目录必填")
        parser.add_argument("--user", help="catalog：草稿的撰写人（用户名，须为该机关工作人员）")

    def handle(self, *args, what, file, agency=None, user=None, **options):
        target = None
        if agency:
            target = Agency.objects.filter(name=agency).first()
            if target is None:
                raise CommandError(f"找不到机关“{agency}”")
        try:
            handle = open(file, "rb")  # noqa: SIM115 - closed below; openpyxl streams from it
        except OSError as exc:
            raise CommandError(f"无法读取文件 {file}：{exc.strerror}") from None
        started = time.monotonic()
        with handle, progress_for(self.stdout._out) as progress:
            if what == "ledger":
                result = self._ledger(handle, target, progress)
            else:
                result = self._catalog(handle, target, user, progress)
        self.stdout.write(f"{result}（用时 {time.monotonic() - started:.1f} 秒）")

    def _ledger(self, handle, agency, progress):
        from gongkai.disclosure_requests.ledger_import import CommandLineActor, LedgerError, import_xlsx

        try:
            result = import_xlsx(handle, actor=CommandLineActor(), agency=agency, progress=progress)
        except LedgerError as exc:
            for problem in exc.problems:
                self.stderr.write(f"  × {problem}")
            raise CommandError(f"台账有{len(exc.problems)}处问题，未导入任何记录") from None
        per_agency = "；".join(f"{name} {n} 件" for name, n in result.agencies.items())
        return f"已导入 {result.count} 件申请（{per_agency}），编号 {result.numbers[0]} 至 {result.numbers[1]}"

    def _catalog(self, handle, agency, username, progress):
        from gongkai.catalog.importexport import ImportRejected, import_xlsx

        if agency is None or not username:
            raise CommandError("导入目录须指定 --agency（机关全称）和 --user（撰写人用户名）")
        author = get_user_model().objects.filter(username=username).first()
        if author is None:
            raise CommandError(f"找不到用户“{username}”")
        try:
            items = import_xlsx(agency=agency, user=author, content=handle, progress=progress)
        except ImportRejected as exc:
            for error in exc.errors:
                self.stderr.write(f"  × {error}")
            raise CommandError(exc.message) from None
        return f"已导入 {items} 条信息（草稿）"
