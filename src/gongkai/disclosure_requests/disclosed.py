"""The information disclosed with a reply: files staff attach to a 予以公开 or 部分公开 reply, which the applicant
downloads with the letter on the query page. Any other outcome discloses nothing, so it takes no files."""

import re
from pathlib import PurePosixPath, PureWindowsPath

from django.db import transaction

from gongkai.agencies.permissions import can_work_in
from gongkai.core.audit import log_action
from gongkai.core.errors import DomainError, PermissionDenied
from gongkai.statute.outcomes import BY_KEY, Group

from .forms import MAX_DISCLOSED_FILES, check_attachments
from .models import DisclosedFile, Document, Request
from .public_views import removing_files_on_error

ATTACHABLE = (Group.GRANTED, Group.PARTIAL)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def current_reply(request: Request) -> Document | None:
    """The reply in force: the last 答复告知书 not replaced by a correction."""
    return (request.documents.filter(kind=Document.Kind.REPLY, replaced_by__isnull=True)
            .order_by("-issued_on", "-id").first())


def can_attach(request: Request) -> bool:
    outcome = BY_KEY.get(request.outcome or "")
    return outcome is not None and outcome.group in ATTACHABLE and current_reply(request) is not None


def check_attachable(request: Request) -> Document:
    """The reply the files go with; refused unless the request was answered 予以公开 or 部分公开."""
    reply = current_reply(request)
    outcome = BY_KEY.get(request.outcome or "")
    if reply is None or outcome is None:
        raise DomainError("办理结果：尚未作出答复，不能附送公开的信息；请先作出“予以公开”或“部分公开”的答复",
                          field="outcome")
    if outcome.group not in ATTACHABLE:
        raise DomainError(f"办理结果为“{outcome.short_label}”，不能附送公开的信息："
                          "只有办理结果为“予以公开”或“部分公开”的答复可以附送文件", field="outcome")
    return reply


def display_name(name: str) -> str:
    """The file's own name without any folder part or control character, at most 200 characters (suffix kept)."""
    base = PureWindowsPath(PurePosixPath(name or "").name).name
    base = _CONTROL.sub("", base).strip() or "文件"
    if len(base) > 200:
        suffix = PurePosixPath(base).suffix[:20]
        base = base[:200 - len(suffix)] + suffix
    return base


def attach_files(request: Request, *, actor, files) -> list[DisclosedFile]:
    """Staff of the request's own agency attach files to its 予以公开/部分公开 reply; audited, all or none."""
    if not can_work_in(actor, request.agency):
        raise PermissionDenied("只有受理机关的工作人员可以附送公开的信息")
    if not files:
        raise DomainError("公开的信息：请选择要附送的文件", field="files")
    problems = check_attachments(files, max_files=MAX_DISCLOSED_FILES)
    if problems:
        raise DomainError("公开的信息：" + "；".join(problems), field="files")
    saved = []
    with transaction.atomic(), removing_files_on_error(saved):
        locked = Request.objects.select_for_update().select_related("agency").get(pk=request.pk)
        reply = check_attachable(locked)
        for f in files:
            name = display_name(f.name)
            saved.append(DisclosedFile.objects.create(request=locked, document=reply, file=f, name=name,
                                                      size=f.size, uploaded_by=actor))
        log_action("requests.disclosed_file.attached", actor=actor, obj=locked, data={
            "document": reply.pk, "number": reply.number,
            "files": [{"id": d.pk, "name": d.name, "size": d.size} for d in saved]})
    return saved
