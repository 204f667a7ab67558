"""During an open consultation the detail page, the workbench and the stored index give one due date."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.disclosure_requests import services

D = date


@pytest.fixture
def on_10_february_2025(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: D(2025, 2, 10))


def test_detail_and_workbench_show_the_same_date_while_a_consultation_is_open(on_10_february_2025, client, clerk,
                                                                             register):
    request = register(D(2025, 1, 20))
    services.open_consultation(request, actor=clerk, day=D(2025, 2, 5), party_kind="third_party", party_name="某公司")
    request.refresh_from_db()
    # The pause counts up to its 15-working-day limit (25 February 2025): 21 February + 15 working days.
    assert request.due_on == D(2025, 3, 14)
    client.force_login(clerk)
    detail = client.get(reverse("requests:detail", args=[request.pk]))
    assert detail.context["due"].due == request.due_on
    assert "按期限届满日暂计至 2025-02-25" in detail.context["due"].explanation[-1]
    assert "答复期限：2025-03-14（暂停中，预计）" in detail.content.decode()
    workbench = client.get(reverse("requests:workbench")).content.decode()
    assert "2025-03-14" in workbench and "暂停中，预计" in workbench
