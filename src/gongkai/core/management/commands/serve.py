"""`gongkai serve`: the production web server (gunicorn), sized from the machine and with sane limits."""

import os

from django.core.management.base import CommandError
from gunicorn.app.base import BaseApplication

from gongkai.core.commands import GongkaiCommand


def default_workers() -> int:
    """gunicorn's rule of thumb (2 × cores + 1), capped: each worker holds jieba's dictionary and a DB connection."""
    return min(2 * (os.cpu_count() or 1) + 1, 9)


class Command(GongkaiCommand):
    requires_system_checks = "__all__"
    help = ("以生产方式提供网站服务（gunicorn）：工作进程数按CPU核数确定，设置超时、访问日志，"
            "并在派生工作进程前加载应用（分词词典只加载一次）。前面可放 nginx，见 docs/deploy.md。")

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("GONGKAI_BIND", "127.0.0.1:8000"),
                            help="监听地址，默认 127.0.0.1:8000（环境变量 GONGKAI_BIND）")
        parser.add_argument("--workers", type=int, default=int(os.environ.get("GONGKAI_WORKERS") or 0),
                            help="工作进程数，默认 2×CPU核数+1（最多9）")
        parser.add_argument("--timeout", type=int, default=60, help="单个请求的最长处理时间（秒），默认60")
        parser.add_argument("--access-log", default="-", help="访问日志文件，默认标准输出（-）")

    def handle(self, *args, **options):
        workers = options["workers"] or default_workers()
        if workers < 1:
            raise CommandError("工作进程数必须大于0")
        config = {
            "bind": options["bind"],
            "workers": workers,
            "timeout": options["timeout"],
            "graceful_timeout": 30,
            "keepalive": 5,
            # A worker is replaced after tens of thousands of requests, so a slow leak never grows without bound.
            # Not after a few thousand: a replaced worker is down for about a second, and in a spike (a notice
            # going round a county's WeChat groups, 1,000+ requests a second) that came every few seconds and
            # doubled the p95 (docs/benchmarks.md, “公开页面”).
            "max_requests": 20000,
            "max_requests_jitter": 2000,
            # Load the app (and jieba's dictionary) once in the master; workers share those pages copy-on-write.
            "preload_app": True,
            "accesslog": options["access_log"],
            "access_log_format": '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"',
            "errorlog": "-",
            # Request-line and header limits: far above any real browser, far below what could exhaust memory.
            "limit_request_line": 8190,
            "limit_request_fields": 100,
            "forwarded_allow_ips": os.environ.get("GONGKAI_FORWARDED_ALLOW_IPS", "127.0.0.1"),
        }
        self.stdout.write(f"gongkai serve：{config['bind']}，{workers} 个工作进程")
        GongkaiApplication(config).run()


class GongkaiApplication(BaseApplication):
    """gunicorn's embedding API: the options above, and the project's WSGI application."""

    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        import jieba

        from gongkai.wsgi import application

        jieba.initialize()  # before the fork: one copy of the dictionary, not one per worker
        from gongkai.core.pagecache import fingerprint

        fingerprint()  # the page cache's code fingerprint, read once here rather than by each new worker
        return application
