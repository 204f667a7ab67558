"""The staff request forms in the one layout (issue #15), and the 补正 period offered from the agency's default
with its date computed by the working-day calendar."""

import re
from datetime import date

import pytest
from django.urls import reverse

from gongkai.disclosure_requests.forms import SupplementForm, supplement_due_text
from tests.core.forms_html import ancestors, field_block_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk_client(client, clerk):
    client.force_login(clerk)
    return client


def _post_supplement(client, request, **fields):
    data = {"kind": "supplement_requested", "supplement_requested-items": "请写明文号"}
    data.update({f"supplement_requested-{k}": v for k, v in fields.items()})
    return client.post(reverse("requests:act", args=[request.pk]), data)


def test_the_detail_page_forms_use_the_layout(clerk_client, register):
    request = register(date(2024, 9, 27))
    html = clerk_client.get(reverse("requests:detail", args=[request.pk])).content.decode()
    assert "---------" not in html
    assert '<label for="id_supplement_requested-items" class="required">需补正的事项：</label>' in html
    assert 'class="field field-period_days required"' in html  # the red * comes from .field.required in CSS
    help_id = "id_supplement_requested-period_days_helptext"
    assert f'aria-describedby="{help_id}"' in html and f'id="{help_id}"' in html
    assert ": " not in re.sub(r"<[^>]+>", "", html.split('id="actions"')[1]).replace("https: ", "")


def test_the_supplement_period_is_prefilled_from_the_agency(clerk_client, register, agency):
    agency.supplement_period_days = 12
    agency.save()
    request = register(date(2024, 9, 27))
    html = clerk_client.get(reverse("requests:detail", args=[request.pk])).content.decode()
    assert re.search(r'<input type="number" name="supplement_requested-period_days" value="12"', html)
    assert "第12个工作日" in html  # the date it comes to, beside the field
    assert f'hx-get="/staff/requests/{request.pk}/supplement-due/"' in html


def test_an_agency_without_a_setting_offers_15_working_days(agency):
    form = SupplementForm(prefix="supplement_requested", agency=agency)
    assert agency.supplement_period_days == 15
    assert form["period_days"].value() == 15


def test_the_date_counts_working_days_over_the_national_day_holiday(clerk_client, register):
    request = register(date(2024, 9, 27))
    url = reverse("requests:supplement_due", args=[request.pk])
    # Monday 30 September 2024 + 10 working days: 1-7 October off, Saturday 12 October a make-up working day.
    response = clerk_client.get(url, {"supplement_requested-day": "2024-09-30",
                                      "supplement_requested-period_days": "10"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response.content.decode() == "截止日期：2024年10月18日（星期五），自9月30日起第10个工作日"
    assert supplement_due_text("2024-09-30", 3).startswith("截止日期：2024年10月10日")
    assert supplement_due_text("2024-09-30", 0) == "补正期限应为1至60个工作日"
    assert supplement_due_text("", "x") == "填写通知日期和工作日数后显示截止日期"


def test_the_recorded_deadline_is_the_computed_date(clerk_client, register):
    request = register(date(2024, 9, 27))
    response = _post_supplement(clerk_client, request, day="2024-09-30", period_days="3")
    assert response.status_code == 302
    assert request.events.get(kind="supplement_requested").data["supplement_due"] == "2024-10-10"


def test_a_period_error_is_shown_inside_the_period_field(clerk_client, register):
    request = register(date(2024, 9, 27))
    response = _post_supplement(clerk_client, request, day="2024-09-30", period_days="0")
    assert response.status_code == 400
    html = response.content.decode()
    error_id = "id_supplement_requested-period_days_error"
    assert "补正期限至少1个工作日" in html
    assert field_block_of(html, error_id).startswith("field field-period_days")
    (tag, attrs), = [a for a in ancestors(html, "id_supplement_requested-period_days")[-1:]]
    assert error_id in attrs["aria-describedby"] and attrs["aria-invalid"] == "true"


def test_a_refusal_not_about_one_field_is_shown_at_the_top_of_the_form(clerk_client, register):
    request = register(date(2024, 9, 27))
    # 条例 Art. 30: the notice must go out within 7 working days of receipt (by 2024-10-15 here).
    response = _post_supplement(clerk_client, request, day="2024-10-31", period_days="10")
    assert response.status_code == 400
    form = response.content.decode().split('data-kind="supplement_requested"')[1].split("</form>")[0]
    assert form.index('class="form-errors"') < form.index("7个工作日内发出") < form.index('class="field field-day')
