"""The /ysqgk/ form groups its fields and works without JavaScript; matches come from the published catalog."""

from django.urls import reverse
from django.utils import timezone

from gongkai.catalog.models import Item


def test_the_form_groups_applicant_wanted_information_and_delivery_in_fieldsets(client, agency):
    page = client.get(reverse("ysqgk:form")).content.decode()
    legends = [page.index(f"<legend>{name}</legend>") for name in ("申请人信息", "所需信息", "获取方式")]
    assert legends == sorted(legends)
    # Without JavaScript the organisation fields are simply shown, labelled as only for organisations.
    assert '<fieldset class="org" id="org-fields">' in page and "法人或其他组织填写（自然人无需填写）" in page
    assert 'hx-trigger="input changed delay:500ms' in page


def test_matches_lists_published_items_of_the_chosen_agency_only(client, agency, outsider):
    Item.objects.create(agency=agency, title="宗朗乡惠民补贴资金发放名单公示", state="published",
                        published_at=timezone.now())
    Item.objects.create(agency=agency, title="宗朗乡惠民补贴资金发放草稿", state="draft")
    page = client.get(reverse("ysqgk:matches"), {"description": "惠民补贴发放名单", "agency": agency.pk})
    text = page.content.decode()
    assert "宗朗乡惠民补贴资金发放名单公示" in text and "草稿" not in text
    other = outsider.memberships.first().agency.pk
    assert "公示" not in client.get(reverse("ysqgk:matches"), {"description": "惠民补贴", "agency": other}
                                    ).content.decode()
