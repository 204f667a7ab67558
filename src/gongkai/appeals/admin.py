from django import forms
from django.contrib import admin

from gongkai.core.errors import DomainError
from gongkai.disclosure_requests.published_years import check_open_year

from .models import Appeal


class AppealAdminForm(forms.ModelForm):
    """The admin writes rows directly: it must still refuse a date inside a year whose report is published
    (services.record_appeal / close_appeal take a correction reason for that; the admin does not)."""

    class Meta:
        model = Appeal
        fields = ["agency", "kind", "body", "case_number", "applicant_name", "filed_on", "closed_on", "result",
                  "request", "reply", "copy_received_on", "answered_on", "summary"]

    def clean(self):
        data = super().clean()
        agency = data.get("agency")
        for name in ("filed_on", "closed_on"):
            day = data.get(name)
            if agency is not None and day is not None and name in self.changed_data:
                try:
                    check_open_year(agency, day=day, what=self.fields[name].label)
                except DomainError as exc:
                    self.add_error(name, exc.message)
        return data


@admin.register(Appeal)
class AppealAdmin(admin.ModelAdmin):
    form = AppealAdminForm
    list_display = ("case_number", "agency", "kind", "body", "filed_on", "closed_on", "result")
    list_filter = ("kind", "result", "agency")
    search_fields = ("case_number", "applicant_name", "body")
    date_hierarchy = "filed_on"
    raw_id_fields = ("request", "reply")
