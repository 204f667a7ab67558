"""Uploads are measured while they stream in, and temporary upload files of killed workers are swept away.

LimitedUploadHandler is the first of settings.FILE_UPLOAD_HANDLERS. It counts each file's bytes as the chunks
arrive and stops reading the request body (StopUpload with connection_reset) the moment a file passes its
limit, so a 60 MB file costs at most the limit in bandwidth and disk, not 60 MB before a form says no. The
refusal is kept on the request (`upload_refusals(request)`) for the view's form to show in Chinese; text
fields that come before the file in the form are parsed as usual (put file inputs last in a form).
"""

import time
from pathlib import Path

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

_REFUSALS = "_gongkai_upload_refusals"


def upload_limit(max_file_bytes: int, max_files: int | None = None):
    """Marks a view with its own (lower) limits; the handler finds them through request.resolver_match."""

    def mark(view):
        view.upload_limit = (max_file_bytes, max_files)
        return view

    return mark


def upload_refusals(request) -> list[str]:
    return getattr(request, _REFUSALS, [])


def _megabytes(n: int) -> str:
    return f"{n / 1024 / 1024:g}MB"


class LimitedUploadHandler(FileUploadHandler):
    def __init__(self, request=None):
        super().__init__(request)
        view = getattr(getattr(request, "resolver_match", None), "func", None)
        self.max_bytes, self.max_files = getattr(view, "upload_limit", (settings.GONGKAI_UPLOAD_MAX_FILE_BYTES, None))
        self.max_bytes = min(self.max_bytes, settings.GONGKAI_UPLOAD_MAX_FILE_BYTES)
        self.files = 0
        self.received = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.files += 1
        self.received = 0
        if self.max_files is not None and self.files > self.max_files:
            self._refuse(f"附件最多{self.max_files}个，其余文件未上传")

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.max_bytes:
            self._refuse(f"附件“{self.file_name}”超过{_megabytes(self.max_bytes)}，未上传")
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler (memory or temporary file) keeps the file

    def _refuse(self, message: str):
        if self.request is not None:
            setattr(self.request, _REFUSALS, [*upload_refusals(self.request), message])
        raise StopUpload(connection_reset=True)


def _is_upload(path: Path) -> bool:
    """Django names them tmpXXXX.upload<.ext> (TemporaryUploadedFile)."""
    return ".upload" in path.name and path.is_file() and not path.is_symlink()


def remove_stale_uploads(*, older_than_hours: int, now: float | None = None) -> int:
    """Files left in FILE_UPLOAD_TEMP_DIR by a worker killed mid-upload (a finished request removes its own)."""
    folder = Path(settings.FILE_UPLOAD_TEMP_DIR)
    if not folder.is_dir():
        return 0
    cutoff = (now if now is not None else time.time()) - older_than_hours * 3600
    removed = 0
    for path in folder.iterdir():
        try:
            if _is_upload(path) and path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # removed meanwhile by its own request
            continue
    return removed
