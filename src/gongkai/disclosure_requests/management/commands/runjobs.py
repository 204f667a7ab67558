"""`gongkai runjobs`: run the queued ledger imports (for cron / a systemd timer; safe on many hosts at once)."""

from gongkai.core.commands import GongkaiCommand


class Command(GongkaiCommand):
    help = "运行排队中的台账导入任务（可在多台主机上同时运行，每个任务只运行一次）"

    def handle(self, *args, **options):
        from gongkai.disclosure_requests.importjobs import run_pending

        ran = run_pending()
        self.stdout.write(f"已运行 {len(ran)} 个导入任务" + (f"：{', '.join(map(str, ran))}" if ran else ""))
