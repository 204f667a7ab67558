"""Tokens are created by an administrator here (the secret is shown once, in the message after saving) and
revoked by the list action; they are never edited or deleted, so the audit trail keeps pointing at them."""

from django.contrib import admin, messages

from .models import ApiToken, ForwardedRequest
from .tokens import create_token, revoke_token


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("platform", "agency", "scope", "include_subtree", "prefix", "rate_per_minute", "created_at",
                    "last_used_at", "revoked_at")
    list_filter = ("scope", "revoked_at")
    search_fields = ("platform", "agency__name", "prefix")
    fields = ("platform", "agency", "scope", "include_subtree", "rate_per_minute")
    actions = ["revoke"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return (*self.fields, "prefix", "created_at", "created_by", "last_used_at", "revoked_at")

    def get_fields(self, request, obj=None):
        return self.get_readonly_fields(request, obj) if obj else self.fields

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if change:
            return
        made = create_token(agency=obj.agency, platform=obj.platform, scope=obj.scope,
                            include_subtree=obj.include_subtree, rate_per_minute=obj.rate_per_minute,
                            actor=request.user)
        obj.pk, obj.prefix, obj.key_hash = made.token.pk, made.token.prefix, made.token.key_hash
        obj._state.adding = False
        messages.warning(request, f"令牌只显示这一次，请立即复制并通过安全途径交给“{obj.platform}”：{made.secret}")

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is None:
            original_clean = form.clean

            def clean(self):
                data = original_clean(self)
                if data.get("include_subtree") and data.get("scope") != "supervise":
                    self.add_error("include_subtree", "只有上级监督令牌可以包含下级机关")
                if data.get("rate_per_minute") is not None and data["rate_per_minute"] < 1:
                    self.add_error("rate_per_minute", "每分钟调用上限应为正整数")
                return data

            form.clean = clean
        return form

    @admin.action(description="吊销所选令牌")
    def revoke(self, request, queryset):
        done = 0
        for token in queryset.filter(revoked_at__isnull=True):
            revoke_token(token, actor=request.user)
            done += 1
        self.message_user(request, f"已吊销 {done} 个令牌", messages.SUCCESS)


@admin.register(ForwardedRequest)
class ForwardedRequestAdmin(admin.ModelAdmin):
    list_display = ("reference", "platform", "agency", "request", "forwarded_at", "created_at")
    search_fields = ("reference", "platform", "request__number")
    readonly_fields = ("request", "agency", "platform", "reference", "token", "forwarded_at", "created_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
