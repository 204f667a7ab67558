"""Holiday data entered by an administrator from the State Council notice, for years the library lacks."""

from django.db import models


class HolidayYear(models.Model):
    """One year's notice as entered; a year with this row is known to the clock."""

    year = models.PositiveSmallIntegerField("年份", unique=True)
    source = models.CharField("依据（通知文号或标题）", max_length=200)
    note = models.TextField("备注", blank=True)
    entered_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = "节假日安排（年度）"
        verbose_name_plural = "节假日安排（年度）"
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}年节假日安排（{self.source}）"


class HolidayOverride(models.Model):
    """A day whose status differs from the weekday rule: a holiday, or a make-up working day (调休)."""

    date = models.DateField("日期", unique=True)
    is_workday = models.BooleanField("是否上班", help_text="勾选表示调休上班日；不勾选表示放假")
    note = models.CharField("说明", max_length=100, blank=True, help_text="如“春节”“春节调休上班”")
    source = models.CharField("依据", max_length=200, blank=True)

    class Meta:
        verbose_name = "节假日/调休日"
        verbose_name_plural = "节假日/调休日"
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {'上班' if self.is_workday else '放假'} {self.note}"
