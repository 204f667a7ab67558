"""One form layout on every staff page (issue #15), the icon, and pages that print without the staff menu."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from gongkai.agencies.models import Agency
from gongkai.core.forms import FormRenderer
from tests.core.test_date_inputs import _project_forms

pytestmark = pytest.mark.django_db

CSS = Path(finders.find("gongkai/css/site.css")).read_text(encoding="utf-8")
NEEDS = {"agency": lambda: Agency.objects.first(), "agencies": lambda: Agency.objects.all()}


def _instances():
    for cls in _project_forms():
        if cls.__module__.startswith("gongkai.api") or cls.__module__ == "gongkai.core.forms":
            continue  # JSON only, never rendered; the base classes
        if cls.__module__.endswith(".admin"):
            continue  # the admin site lays out its own forms
        kwargs = {}
        init = getattr(cls.__init__, "__code__", None)
        names = init.co_varnames[:init.co_argcount + init.co_kwonlyargcount] if init else ()
        for name, make in NEEDS.items():
            if name in names:
                kwargs[name] = make()
        yield cls, cls(**kwargs)


def test_every_form_renders_with_the_project_renderer_chinese_colons_and_no_dashes(site):
    rendered = 0
    for cls, form in _instances():
        assert isinstance(form.renderer, FormRenderer), cls
        html = str(form)
        assert "---------" not in html, cls
        for field in form.visible_fields():
            if field.label and not field.use_fieldset:
                assert f"{field.label}：</label>" in html, (cls, field.name)
        rendered += 1
    assert rendered >= 25


def test_choice_fields_offer_a_chinese_blank(site):
    from gongkai.disclosure_requests.forms import RegisterForm

    html = str(RegisterForm(agencies=Agency.objects.all()))
    assert '<option value="" selected>请选择</option>' in html


def test_an_error_sits_in_its_field_block_and_the_input_points_at_it(site):
    from gongkai.reports.forms import FiguresForm
    from tests.core.forms_html import field_block_of

    html = str(FiguresForm({"licensing": "-1", "penalty": "2", "coercion": "0", "fees_10k_yuan": "0"}))
    assert field_block_of(html, "id_licensing_error").startswith("field field-licensing")
    assert re.search(r'<input[^>]*aria-invalid="true"[^>]*aria-describedby="id_licensing_error"', html)


def test_the_layout_styles_are_in_the_stylesheet():
    for rule in (".field.required > label::before", ".field .errorlist", ".form-errors", ".field .helptext"):
        assert rule in CSS


def test_the_favicon_is_linked_and_served(client):
    page = client.get(reverse("login")).content.decode()
    assert 'rel="icon" href="/static/gongkai/img/favicon.svg"' in page
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/gongkai/img/favicon.ico"
    ico = Path(finders.find("gongkai/img/favicon.ico")).read_bytes()
    assert ico[:4] == b"\x00\x00\x01\x00"  # an ICO header


def test_printing_hides_the_staff_menu_on_a4():
    block = CSS[CSS.index("@media print"):]
    assert "size: A4" in block
    hidden = block[:block.index("display: none")]
    for selector in (".site-header", "nav", "form", "button", "[data-print]", ".no-print"):
        assert selector in hidden


def test_printable_pages_carry_the_print_styles_and_a_print_link(site, client):
    client.force_login(site.users["zl_jingban"])
    receipt = client.get(reverse("requests:receipt", args=[site.own.request])).content.decode()
    assert "gongkai/css/site.css" in receipt and "data-print" in receipt
    assert '<p class="no-print">' in receipt  # the links under the receipt do not print
    for name in ("reports:detail", "reports:preview"):
        page = client.get(reverse(name, args=[site.own.agency.pk, site.own.report_year])).content.decode()
        assert "gongkai/css/site.css" in page and "data-print" in page, name
