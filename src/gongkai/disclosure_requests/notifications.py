"""The applicant is told by e-mail when a letter to them is issued, if they gave an address.

The mail names the request number and the letter, and sends the applicant to the query page: it never holds
the query code (only its hash is stored) nor the letter's content (an e-mail may be read by others on the way).
It is sent after the transaction commits: a mail server that fails cannot undo an issued letter; the failure
is logged and recorded in the audit trail, and the letter stays on the query page.
"""

import logging
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from gongkai.core.audit import log_action

log = logging.getLogger(__name__)

# the 征求意见函 goes to the third party or agency consulted, not to the applicant
NOT_TO_APPLICANT = {"consultation_letter"}


_quiet = ContextVar("gongkai_no_letter_mail", default=False)


@contextmanager
def no_letter_mail():
    """Loading the demo records issues letters to made-up applicants: no mail for those."""
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


def after_letter(request, document) -> None:
    """Called inside the move's transaction: the mail is queued for after the commit (none on a rollback)."""
    if request.email and document.kind not in NOT_TO_APPLICANT and not _quiet.get():
        transaction.on_commit(partial(send_letter_mail, document.pk))


def query_page() -> str:
    path = reverse("ysqgk:query")
    base = getattr(settings, "GONGKAI_PUBLIC_URL", "")
    return f"{base.rstrip('/')}{path}" if base else f"{settings.GONGKAI_SITE_NAME}“依申请公开 → 申请查询”页面（{path}）"


def letter_mail(document) -> tuple[str, str]:
    """Subject and body, in Chinese: the request number, the letter's title, number and date, where to look."""
    request = document.request
    issued = f"{document.issued_on.year}年{document.issued_on.month}月{document.issued_on.day}日"
    subject = f"政府信息公开申请{request.number}：{request.agency.name}已发出{document.title}"
    body = "\n".join([
        f"{request.display_applicant}：",
        "",
        f"您向{request.agency.name}提出的政府信息公开申请（申请编号：{request.number}），"
        f"该机关已于{issued}发出《{document.title}》（{document.number}）。",
        f"请访问{query_page()}，输入申请编号和您的查询码，查看办理结果和文书。",
        "为保护您的信息，本邮件不含文书内容，也不含查询码；查询码遗失的，请联系受理机关重新生成。",
        "",
        "本邮件由系统自动发送，请勿直接回复。",
    ])
    return subject, body


def send_letter_mail(document_pk: int) -> bool:
    """Send one letter's notice; True when the backend took it. Never raises: the letter is issued already."""
    from .models import Document

    document = Document.objects.select_related("request__agency").get(pk=document_pk)
    request = document.request
    subject, body = letter_mail(document)
    try:
        send_mail(subject, body, None, [request.email], fail_silently=False)
    except Exception as exc:  # noqa: BLE001 - any backend failure (SMTP, DNS, refused address) is recorded
        log.warning("%s：文书%s的邮件通知未能发送：%s", request.number, document.number, exc)
        log_action("requests.email.failed", obj=request, agency=request.agency,
                   data={"document": document.pk, "error": f"{type(exc).__name__}: {exc}"[:300]})
        return False
    log_action("requests.email.sent", obj=request, agency=request.agency, data={"document": document.pk})
    return True
