from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group

from gongkai.agencies.models import Membership
from gongkai.core.admin_audit import AuditedAdmin

from .models import User


class MembershipInline(admin.StackedInline):
    """Stacked, with a plain list of agencies: every control has its label (the tabular inline's column headers
    and the autocomplete box leave screen readers without a name), and a county has tens of agencies, not more."""

    model = Membership
    fk_name = "user"
    extra = 1


@admin.register(User)
class GongkaiUserAdmin(AuditedAdmin, UserAdmin):
    fieldsets = UserAdmin.fieldsets + (("联系方式", {"fields": ("full_name", "phone")}),)
    add_fieldsets = UserAdmin.add_fieldsets + (("联系方式", {"fields": ("full_name", "phone")}),)
    list_display = ("username", "full_name", "email", "staff", "active")
    search_fields = ("username", "full_name", "email")
    inlines = [MembershipInline]
    # Recorded by the system, not edited; and plain lists for groups and permissions: Django's two-pane filter
    # and split date-time inputs leave controls without an accessible name (axe-core, as on every staff page).
    readonly_fields = ("last_login", "date_joined")
    filter_horizontal = ()

    # Words, not the admin's tick icons: their alt text is Django's English "True"/"False".
    @admin.display(description="管理后台权限", ordering="is_staff")
    def staff(self, user):
        return "是" if user.is_staff else "否"

    @admin.display(description="有效", ordering="is_active")
    def active(self, user):
        return "是" if user.is_active else "否"


admin.site.unregister(Group)


@admin.register(Group)
class GongkaiGroupAdmin(AuditedAdmin, GroupAdmin):
    """Django's groups, audited like every admin change, with permissions as a plain list (as on the user form)."""

    filter_horizontal = ()
