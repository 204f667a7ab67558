from django import forms
from django.contrib import admin, messages

from gongkai.core.admin_audit import AuditedAdmin
from gongkai.core.errors import DomainError

from .models import HolidayOverride, HolidayYear
from .notices import check_dates_in_year, enter_holiday_notice, parse_holiday_ranges, parse_makeup_days


class HolidayNoticeForm(forms.ModelForm):
    """The notice as it is printed: ranges of days off and a list of make-up working days."""

    holidays = forms.CharField(
        label="放假安排", widget=forms.Textarea(attrs={"rows": 8, "cols": 60}),
        help_text="每行一段：名称 开始日期 至 结束日期，如“春节 2027-02-05 至 2027-02-11”；单日可只写一个日期",
    )
    makeup_days = forms.CharField(
        label="调休上班日", required=False, widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="逗号或换行分隔，如“2027-02-06, 2027-02-20”",
    )

    class Meta:
        model = HolidayYear
        fields = ["year", "source", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            days = HolidayOverride.objects.filter(date__year=self.instance.year).order_by("date")
            self.initial["holidays"] = "\n".join(f"{d.note} {d.date:%Y-%m-%d}" for d in days if not d.is_workday)
            self.initial["makeup_days"] = ", ".join(f"{d.date:%Y-%m-%d}" for d in days if d.is_workday)

    def clean(self):
        data = super().clean()
        try:
            data["holiday_ranges"] = parse_holiday_ranges(data.get("holidays", ""))
            data["makeup_dates"] = parse_makeup_days(data.get("makeup_days", ""))
            if data.get("year"):
                check_dates_in_year(data["year"], data["holiday_ranges"], data["makeup_dates"])
        except DomainError as exc:
            field = "holidays" if exc.field == "放假安排" else "makeup_days"
            raise forms.ValidationError({field: exc.message}) from None
        return data


@admin.register(HolidayYear)
class HolidayYearAdmin(admin.ModelAdmin):
    form = HolidayNoticeForm
    list_display = ("year", "source", "entered_at")

    def save_model(self, request, obj, form, change):
        try:
            saved = enter_holiday_notice(
                year=form.cleaned_data["year"], source=form.cleaned_data["source"],
                holidays=form.cleaned_data["holiday_ranges"], makeup_days=form.cleaned_data["makeup_dates"],
                actor=request.user, note=form.cleaned_data.get("note", ""),
            )
        except DomainError as exc:
            messages.error(request, exc.message)
            raise
        obj.pk = saved.pk
        self.report_moved_deadlines(request)

    def report_moved_deadlines(self, request):
        """The administrator sees at once which open requests' reply deadlines the notice moved."""
        from gongkai.disclosure_requests.services import recompute_open_due_dates

        moved = recompute_open_due_dates(actor=request.user)
        if not moved:
            messages.info(request, "未办结申请的答复期限均无变化。")
            return
        lines = "；".join(f"{r.number}：{_day(old)} → {_day(new)}" for r, old, new in moved[:20])
        more = f"等{len(moved)}件" if len(moved) > 20 else f"共{len(moved)}件"
        messages.warning(request, f"以下未办结申请的答复期限已按新的节假日安排重新计算（{more}）：{lines}")


def _day(value) -> str:
    return value.isoformat() if value else "无法计算"


@admin.register(HolidayOverride)
class HolidayOverrideAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ("date", "is_workday", "note", "source")
    list_filter = ("is_workday",)
    date_hierarchy = "date"
    search_fields = ("note", "source")
