"""Base data in the admin: columns and channels. Items change only through the 三审 pages (services)."""

from django.contrib import admin

from .models import Channel, Column, Feedback, Item, Review, ReviewStep


@admin.register(Column)
class ColumnAdmin(admin.ModelAdmin):
    list_display = ["name", "agency", "kind", "update_days", "art20_item", "position"]
    list_filter = ["kind", "agency"]


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = ["name", "agency", "kind", "location", "url"]
    list_filter = ["kind", "agency"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """A change here would bypass the 三审 and the audit trail: read only."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Item)
class ItemAdmin(ReadOnlyAdmin):
    list_display = ["index_number", "title", "agency", "state", "published_at"]
    list_filter = ["state", "agency"]
    search_fields = ["title", "index_number"]


# Stacked, not tabular: the tabular inline's empty header cell fails axe-core (tests/journeys/test_admin_pages.py).
class StepInline(admin.StackedInline):
    model = ReviewStep
    extra = 0
    can_delete = False


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ["item", "state", "submitted_by", "submitted_at"]
    list_filter = ["state"]
    inlines = [StepInline]


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyAdmin):
    list_display = ["subject", "agency", "received_at", "reply_due", "replied_at"]
