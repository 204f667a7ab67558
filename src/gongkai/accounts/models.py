from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A staff member (applicants do not log in: they use a request number and query code)."""

    full_name = models.CharField("姓名", max_length=100, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def get_full_name(self):
        return self.full_name or super().get_full_name() or self.username

    def __str__(self):
        return self.get_full_name()
