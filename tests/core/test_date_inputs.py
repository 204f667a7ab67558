"""Every <input type=date> the project renders carries an ISO value (issue #10).

A browser's date input accepts only 2026-11-27; Django renders zh-hans dates as 2026/11/27, which the browser
rejects, so the field shows empty and saving the form erases the date. This walks every form class of the
project, so a new form with a locale-formatted date widget fails here.
"""

import importlib
from datetime import date, datetime
from pathlib import Path

import pytest
from django import forms

SRC = Path(__file__).resolve().parents[2] / "src" / "gongkai"


def _project_forms() -> list[type]:
    for path in SRC.rglob("*.py"):
        if "migrations" in path.parts or "management" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if "forms.Form" in text or "forms.ModelForm" in text or "from django import forms" in text:
            importlib.import_module("gongkai." + ".".join(path.relative_to(SRC).with_suffix("").parts))
    found, todo = [], [forms.BaseForm]
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        if cls.__module__.startswith("gongkai.") and hasattr(cls, "base_fields"):
            found.append(cls)
    return found


def _date_widgets():
    for form in _project_forms():
        for name, field in form.base_fields.items():
            if getattr(field.widget, "input_type", "") in ("date", "datetime-local"):
                yield pytest.param(field.widget, id=f"{form.__module__}.{form.__name__}.{name}")


def test_the_walk_finds_the_forms_that_have_dates():
    ids = {p.id for p in _date_widgets()}
    assert "gongkai.catalog.forms.ItemForm.written_on" in ids
    assert "gongkai.disclosure_requests.forms.RegisterForm.received_on" in ids


@pytest.mark.parametrize("widget", list(_date_widgets()))
def test_every_date_input_renders_an_iso_value(widget):
    if widget.input_type == "date":
        assert 'value="2026-11-27"' in widget.render("d", date(2026, 11, 27))
    else:
        assert 'value="2026-11-27T09:30"' in widget.render("d", datetime(2026, 11, 27, 9, 30))
