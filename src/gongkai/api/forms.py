"""The public form's rules, reused: a forwarded request is checked by the very class /ysqgk/ uses."""

from gongkai.disclosure_requests.forms import PublicRequestForm

BROWSER_ONLY = ("agency", "token", "attachments")  # the token picks the agency; files do not come through JSON


class IntakeForm(PublicRequestForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in BROWSER_ONLY:
            self.fields.pop(name, None)

    def applicant_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


def form_data(payload: dict, names) -> tuple[dict, dict]:
    """JSON values → the strings a form reads; a list or an object where text belongs is an error of its own."""
    data, errors = {}, {}
    for name in names:
        value = payload.get(name)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            errors[name] = ["应为文本"]
            continue
        data[name] = str(value)
    return data, errors
