"""Streaming letters and attachments: only after the calling view has checked who is asking."""

import mimetypes

from django.http import FileResponse, Http404, HttpResponse

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_response(document) -> HttpResponse:
    response = HttpResponse(bytes(document.content), content_type=DOCX)
    response["Content-Disposition"] = _disposition(document.filename)
    response["Cache-Control"] = "private, no-store"
    return response


def draft_response(document) -> HttpResponse:
    """The preview's .docx: the letter as it will be issued, marked 草稿 in its page headers."""
    from .letters import draft_docx

    response = HttpResponse(draft_docx(bytes(document.content)), content_type=DOCX)
    response["Content-Disposition"] = _disposition(f"草稿-{document.filename}")
    response["Cache-Control"] = "private, no-store"
    return response


def attachment_response(attachment) -> FileResponse:
    kind = mimetypes.guess_type(attachment.name)[0] or "application/octet-stream"
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError):  # e.g. a site restored from a backup without its private files
        raise Http404(f"附件“{attachment.name}”的文件已丢失，暂时无法下载，请联系受理机关") from None
    response = FileResponse(handle, as_attachment=True, filename=attachment.name, content_type=kind)
    response["Cache-Control"] = "private, no-store"
    return response


def _disposition(name: str) -> str:
    from urllib.parse import quote

    return f"attachment; filename*=UTF-8''{quote(name)}"
