"""Streaming an item's attachment: only after the calling view has decided the asker may have it."""

import mimetypes
from pathlib import PurePosixPath

from django.http import FileResponse, HttpResponse
from django.shortcuts import render

# Shown in the browser rather than saved: types a browser renders without running anything.
INLINE_TYPES = {"application/pdf", "image/jpeg", "image/png", "image/gif"}


def download_name(attachment) -> str:
    """The name staff gave the file, with the stored file's extension so the download opens in the right program."""
    suffix = PurePosixPath(attachment.file.name).suffix
    name = attachment.name or PurePosixPath(attachment.file.name).name
    return name if not suffix or name.lower().endswith(suffix.lower()) else f"{name}{suffix}"


def attachment_response(request, attachment, *, cache_control: str) -> HttpResponse:
    """The file itself; a file gone from disk gets a Chinese 404 page rather than a 500."""
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError):  # ValueError: the row has no file name at all
        return render(request, "core/error.html", {
            "message": f"附件“{attachment.name}”的文件已丢失，暂时无法下载，请联系发布机关",
        }, status=404)
    kind = mimetypes.guess_type(attachment.file.name)[0] or "application/octet-stream"
    # FileResponse writes Content-Disposition with filename*=utf-8'' for Chinese names.
    response = FileResponse(handle, as_attachment=kind not in INLINE_TYPES, filename=download_name(attachment),
                            content_type=kind)
    response["Cache-Control"] = cache_control
    return response
