"""The reply letter is previewed before it is issued: the preview is the issued letter, word for word (issue #15)."""

import io
import re
from datetime import date
from html import unescape

import pytest
from django.urls import reverse
from docx import Document as Docx

from gongkai.core.models import AuditEntry, Counter
from gongkai.disclosure_requests import letters, services
from gongkai.disclosure_requests.models import Document, RequestEvent

REPLY = {"kind": "replied", "replied-day": "2025-09-10", "replied-outcome": "partial",
         "replied-how": "随本告知书提供电子件", "replied-withheld": "社员银行账号<账号>&户名",
         "replied-reason": "涉及第三方个人隐私\n第三方不同意公开"}


@pytest.fixture
def clerk_client(client, clerk):
    client.force_login(clerk)
    return client


def _paragraphs(content: bytes) -> list[str]:
    return [p.text for p in Docx(io.BytesIO(content)).paragraphs]


def _preview_html_paragraphs(html: str) -> list[str]:
    article = re.search(r'<article class="panel letter-preview" id="letter-preview">(.*?)</article>', html, re.S)
    return [unescape(p.replace("<br>", "\n")) for p in re.findall(r"<p>(.*?)</p>", article.group(1), re.S)]


def _digest(html: str) -> str:
    return re.search(r'name="preview_digest" value="([0-9a-f]{64})"', html).group(1)


def test_the_preview_page_shows_the_letter_that_is_then_issued_word_for_word(clerk_client, register):
    req = register(date(2025, 9, 1))
    page = clerk_client.post(reverse("requests:preview", args=[req.pk]), REPLY)
    assert page.status_code == 200
    html = page.content.decode()
    shown = _preview_html_paragraphs(html)
    assert "确认发出" in html and "草稿（预览）" in html
    # nothing was issued, recorded, numbered or audited by the preview
    assert not Document.objects.filter(request=req).exists()
    assert not RequestEvent.objects.filter(request=req, kind="replied").exists()
    assert not Counter.objects.filter(scope="letter").exists()
    assert not AuditEntry.objects.filter(action="requests.replied").exists()

    issued = clerk_client.post(reverse("requests:act", args=[req.pk]), {**REPLY, "preview_digest": _digest(html)})
    assert issued.status_code == 302
    letter = Document.objects.get(request=req, kind="reply")
    text = _paragraphs(letter.content)  # the issued .docx, read with python-docx
    assert shown == text
    assert "不予公开的内容：社员银行账号<账号>&户名" in text
    assert "理由：涉及第三方个人隐私\n第三方不同意公开" in text
    assert letter.number == "宗朗乡依申告〔2025〕1号" and letter.number in shown[2]


def test_the_draft_docx_is_the_same_letter_marked_as_a_draft(clerk_client, register, clerk):
    req = register(date(2025, 9, 1))
    draft = clerk_client.post(reverse("requests:preview", args=[req.pk]), {**REPLY, "format": "docx"})
    assert draft.status_code == 200
    assert draft["Content-Disposition"].startswith("attachment; filename*=UTF-8''%E8%8D%89%E7%A8%BF-")  # 草稿-
    doc = Docx(io.BytesIO(draft.content))
    assert [p.text for p in doc.sections[0].header.paragraphs] == [letters.DRAFT_MARK]
    services.issue_reply(req, actor=clerk, day=date(2025, 9, 10), outcome="partial", how="随本告知书提供电子件",
                         withheld="社员银行账号<账号>&户名", reason="涉及第三方个人隐私\n第三方不同意公开")
    issued = Document.objects.get(request=req, kind="reply")
    assert [p.text for p in doc.paragraphs] == _paragraphs(issued.content)
    assert letters.DRAFT_MARK not in "\n".join(_paragraphs(issued.content))


def test_a_letter_that_changed_since_its_preview_is_not_issued(clerk_client, register, clerk):
    req, other = register(date(2025, 9, 1)), register(date(2025, 9, 1))
    html = clerk_client.post(reverse("requests:preview", args=[req.pk]), REPLY).content.decode()
    assert "宗朗乡依申告〔2025〕1号" in html
    # meanwhile another letter takes number 1: the previewed text is no longer what would go out
    services.issue_reply(other, actor=clerk, day=date(2025, 9, 10), outcome="granted")
    refused = clerk_client.post(reverse("requests:act", args=[req.pk]), {**REPLY, "preview_digest": _digest(html)})
    assert refused.status_code == 400 and "与预览时不一致" in refused.content.decode()
    assert not Document.objects.filter(request=req).exists()


def test_a_refused_reply_is_refused_already_at_the_preview(clerk_client, register):
    req = register(date(2025, 9, 1))
    response = clerk_client.post(reverse("requests:preview", args=[req.pk]),
                                 {**REPLY, "replied-withheld": ""})  # 部分公开 names what is withheld
    assert response.status_code == 400
    assert not Document.objects.filter(request=req).exists()


def test_the_reply_form_leads_to_the_preview(clerk_client, register):
    req = register(date(2025, 9, 1))
    page = clerk_client.get(reverse("requests:detail", args=[req.pk])).content.decode()
    assert f'formaction="{reverse("requests:preview", args=[req.pk])}"' in page and "预览告知书" in page


def test_a_correction_is_previewed_too(clerk_client, register, clerk):
    req = register(date(2025, 9, 1))
    services.issue_reply(req, actor=clerk, day=date(2025, 9, 10), outcome="granted", how="电子邮件")
    form = {"kind": "corrected", "corrected-day": "2025-09-11", "corrected-reason": "获取方式写错"}
    html = clerk_client.post(reverse("requests:preview", args=[req.pk]), form).content.decode()
    shown = _preview_html_paragraphs(html)
    assert clerk_client.post(reverse("requests:act", args=[req.pk]),
                             {**form, "preview_digest": _digest(html)}).status_code == 302
    correction = Document.objects.get(request=req, replaces__isnull=False)
    assert _paragraphs(correction.content) == shown and "更正并替代" in shown[4]


def test_back_from_the_preview_the_reply_form_is_open_and_filled_as_it_was(clerk_client, register):
    req = register(date(2025, 9, 1))
    page = clerk_client.post(reverse("requests:preview", args=[req.pk]), {**REPLY, "format": "edit"})
    assert page.status_code == 200
    html = unescape(page.content.decode())
    form = re.search(r'<details open><summary>作出答复</summary>(.*?)</details>', html, re.S).group(1)
    assert "社员银行账号<账号>&户名" in form and 'value="2025-09-10"' in form
    assert "errorlist" not in form
    assert not Document.objects.filter(request=req).exists()
