from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gongkai.core"
    verbose_name = "核心"

    def ready(self):
        from . import logs

        logs.connect()
        from . import (
            login_security,  # noqa: F401 - connects the login audit receivers
            pagecache,
        )

        pagecache.connect()
