from django.contrib import admin

from gongkai.core.admin_audit import AuditedAdmin

from .models import Agency, Membership
from .permissions import agencies_for


# Plain lists, not the autocomplete box, and stacked inlines, not tabular ones: select2 and the tabular inline's
# column headers leave controls without an accessible name (axe-core, tests/journeys/test_admin_pages.py), and a
# county has tens of agencies and a few hundred staff, which a plain list holds.
class MembershipInline(admin.StackedInline):
    model = Membership
    extra = 1


@admin.register(Agency)
class AgencyAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ("name", "short_name", "level", "kind", "parent", "uscc", "org_code")
    list_filter = ("level", "kind")
    search_fields = ("name", "short_name", "uscc", "org_code")
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("name", "short_name", "level", "kind", "parent", "uscc", "org_code")}),
        ("公开指南联系方式", {"fields": (
            "office_name", "office_address", "office_hours", "office_phone", "office_fax", "office_email",
            "postcode", "website",
        )}),
        ("编号", {"fields": ("request_number_format", "index_number_format")}),
        ("依申请公开办理", {"fields": ("supplement_period_days",)}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).filter(pk__in=agencies_for(request.user).values("pk"))


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ("user", "agency", "role")
    list_filter = ("role",)
    search_fields = ("user__username", "user__full_name", "agency__name")

    def get_queryset(self, request):
        return super().get_queryset(request).filter(agency__in=agencies_for(request.user))
