"""django-axes (login lockout) under a Chinese name on the admin pages; the app label stays "axes"."""

from axes.apps import AppConfig


class AxesConfig(AppConfig):
    verbose_name = "登录锁定"
