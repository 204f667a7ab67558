"""Admin: read-only views of requests and their history. Moves go through the workbench (services.record_event)."""

from django.contrib import admin

from .models import Document, FeeNotice, Request, RequestEvent


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Stacked, not tabular: the tabular inline's empty header cell fails axe-core (tests/journeys/test_admin_pages.py).
class EventInline(admin.StackedInline):
    model = RequestEvent
    fields = ("day", "kind", "actor_label", "reason", "document")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Request)
class RequestAdmin(ReadOnly):
    list_display = ("number", "agency", "applicant_name", "channel", "received_on", "state", "due_on", "outcome")
    list_filter = ("state", "channel", "applicant_type", "agency")
    search_fields = ("number", "applicant_name", "org_name", "description")
    date_hierarchy = "received_on"
    inlines = [EventInline]


@admin.register(Document)
class DocumentAdmin(ReadOnly):
    list_display = ("number", "title", "request", "issued_on", "replaces")


@admin.register(FeeNotice)
class FeeNoticeAdmin(ReadOnly):
    list_display = ("request", "method", "quantity", "amount_yuan", "notified_on", "paid_on")
