"""Private file storage: uploads that only permission-checked views may stream.

Which backend holds them is a setting (STORAGES["private"]): a folder on this host by default, or an
S3-compatible object store when several hosts serve one installation (settings: GONGKAI_S3_*). Models name the
callable `private_storage_backend`, so the choice is made at run time and never written into a migration.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.functional import LazyObject, cached_property


class PrivateStorage(FileSystemStorage):
    """Kept OUTSIDE MEDIA_ROOT and without a URL, so a web server's public /media/ never serves these files:
    applicants' uploads hold personal data, and a catalog attachment may be public only while its item's
    approved version carries it. Views decide, then stream.

    Location: settings.PRIVATE_MEDIA_ROOT if set, else a "private" folder next to MEDIA_ROOT."""

    @cached_property
    def base_location(self):
        configured = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
        return str(configured or Path(settings.MEDIA_ROOT).parent / "private")

    def url(self, name):
        raise ValueError("私有文件不通过公开网址提供，请经由下载视图获取")

    def _clear_cached_properties(self, setting, **kwargs):
        # Tests and deployments may move the private root after import; the parent only watches MEDIA_ROOT.
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)


def private_storage_backend():
    """The configured private storage (FileField(storage=...) calls this when the model class is built)."""
    return storages["private"]


class _PrivateStorageProxy(LazyObject):
    def _setup(self):
        self._wrapped = storages["private"]


private_storage = _PrivateStorageProxy()
