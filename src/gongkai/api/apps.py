from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "gongkai.api"
    label = "api"
    verbose_name = "开放接口"

    def ready(self):
        from . import schema  # noqa: F401  (registers the token scheme with drf-spectacular)
