"""Private file storage: uploads that only permission-checked views may stream."""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property


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


private_storage = PrivateStorage()
