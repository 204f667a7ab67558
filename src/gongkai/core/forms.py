"""One form layout for every page (issue #15).

`FormRenderer` renders every form and field through the templates in templates/django/forms/ (found first in
TEMPLATES' DIRS by Django's TemplatesSetting): label, input, help text and errors of a field in one block, the
non-field errors at the top. `Form` and `ModelForm` give every project form the Chinese full-width colon as
label suffix and "请选择" instead of Django's "---------" as the empty choice.
"""

from collections.abc import Mapping
from types import MappingProxyType

from django import forms
from django.forms.renderers import TemplatesSetting

LABEL_SUFFIX = "："
BLANK_LABEL = "请选择"
DJANGO_BLANK = "---------"


class FormRenderer(TemplatesSetting):
    form_template_name = "django/forms/div.html"
    field_template_name = "django/forms/field.html"


def chinese_blanks(fields) -> None:
    """Replace Django's "---------" empty choice with "请选择" in every choice field given."""
    for field in fields.values():
        if isinstance(field, forms.ModelChoiceField):
            if field.empty_label == DJANGO_BLANK:
                field.empty_label = BLANK_LABEL
        elif isinstance(field, forms.ChoiceField):
            choices = list(field.choices)
            if any(value in ("", None) and label == DJANGO_BLANK for value, label in choices):
                field.choices = [(value, BLANK_LABEL if value in ("", None) and label == DJANGO_BLANK else label)
                                 for value, label in choices]


class ChineseFormMixin:
    required_css_class = "required"
    error_css_class = "has-error"
    error_fields: Mapping[str, str] = MappingProxyType({})  # a service error's field → the form field showing it

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", LABEL_SUFFIX)
        super().__init__(*args, **kwargs)
        chinese_blanks(self.fields)

    def field_for(self, name):
        """The field a service's DomainError is shown beside, or None for the top of the form."""
        name = self.error_fields.get(name, name)
        return name if name in self.fields else None


class Form(ChineseFormMixin, forms.Form):
    pass


class ModelForm(ChineseFormMixin, forms.ModelForm):
    pass
