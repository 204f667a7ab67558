import pytest
from django.db import transaction


@pytest.fixture(scope="module")
def _module_media(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _media_root(settings, _module_media):
    """One media folder per module here (not per test), so the files of the module-wide `site` stay found."""
    settings.MEDIA_ROOT = _module_media / "media"
    settings.PRIVATE_MEDIA_ROOT = _module_media / "private"


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, _module_media):
    """tests.core.site built once per module inside a transaction that is rolled back after the module; each
    test's own `db` transaction nests in it as a savepoint."""
    from django.test import override_settings

    from tests.core.site import build_site

    with override_settings(MEDIA_ROOT=_module_media / "media", PRIVATE_MEDIA_ROOT=_module_media / "private"):
        with django_db_blocker.unblock(), transaction.atomic():
            built = build_site()
            yield built
            transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
