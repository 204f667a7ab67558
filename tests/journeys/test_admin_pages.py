"""Every page of the admin the administrator can reach (each model's list, its add form and one record's form)
passes axe-core: the administrator's journey walks only the user and holiday pages, and the rest share the
same templates but not the same widgets (inlines, filters, read-only fields, date pickers)."""

import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _admin_pages() -> list[str]:
    pages, request = [], _AdminRequest()
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        pages.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        if model_admin.has_add_permission(request):
            pages.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_add"))
        first = model_admin.get_queryset(request).order_by("pk").first()
        if first is not None:
            pages.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[first.pk]))
    return pages


class _AdminRequest:
    """What get_queryset reads of a request: the superuser the walk logs in as."""

    def __init__(self):
        from django.contrib.auth import get_user_model

        self.user = get_user_model().objects.get(username="admin")


def test_every_admin_page_passes_axe(demo, walk):
    walk.login("admin")
    walk.check()
    pages = _admin_pages()
    assert len(pages) > 10
    failures = []
    for path in pages:  # every page, then one report of all that failed
        walk.go(path)
        try:
            walk.check()
        except AssertionError as failure:
            failures.append(str(failure))
            walk.checked.add(walk.page.url)
    assert not failures, "\n\n".join(failures)
    walk.finish()
