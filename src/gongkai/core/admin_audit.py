"""Admin edits of master data go into the audit trail like every other state change."""

from django.forms.models import model_to_dict

from .audit import log_action


def _plain(value):
    return value if isinstance(value, str | int | float | bool | type(None)) else str(value)


class AuditedAdmin:
    """Mix into a ModelAdmin: create, change and delete each write one AuditEntry with the changed fields."""

    def _action(self, obj, verb: str) -> str:
        return f"{obj._meta.app_label}.{obj._meta.model_name}.{verb}"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        fields = form.changed_data if change else list(form.fields)
        values = model_to_dict(obj, fields=[f for f in fields if f in {f.name for f in obj._meta.fields}])
        log_action(self._action(obj, "changed" if change else "created"), actor=request.user, obj=obj,
                   data={"fields": {k: _plain(v) for k, v in values.items() if "password" not in k}})

    def delete_model(self, request, obj):
        log_action(self._action(obj, "deleted"), actor=request.user, obj=obj, data={"repr": str(obj)})
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)
