from django.contrib import admin

from .models import Appeal


@admin.register(Appeal)
class AppealAdmin(admin.ModelAdmin):
    list_display = ("case_number", "agency", "kind", "body", "filed_on", "closed_on", "result")
    list_filter = ("kind", "result", "agency")
    search_fields = ("case_number", "applicant_name", "body")
    date_hierarchy = "filed_on"
