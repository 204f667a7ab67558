"""Date inputs the browser can fill in.

An ``<input type=date>`` accepts only an ISO value (2026-11-27). Django's DateInput renders its value in the
first of the locale's DATE_INPUT_FORMATS, which for zh-hans is 2026/11/27: the browser rejects it, shows an
empty field, and saving the form then erases the date. Every date field of every form uses these widgets.
"""

from django import forms

ISO_DATE = "%Y-%m-%d"
ISO_DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=ISO_DATE)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=ISO_DATETIME_LOCAL)
